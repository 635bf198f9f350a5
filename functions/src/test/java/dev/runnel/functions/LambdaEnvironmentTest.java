package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.fixtures.ShopPlans;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
  @Test
  void readsThePlanFromTheResourceNamedInTheEnvironment() {
    LambdaEnvironment env = new LambdaEnvironment(Map.of(
        "RUNNEL_STAGE", "shop-1", "RUNNEL_PLAN_RESOURCE", "/plans/shop.json"));

    assertThat(env.plan()).isEqualTo(ShopPlans.plan());
    assertThat(env.stageId()).isEqualTo("shop-1");
    assertThat(new LambdaEnvironment(Map.of("RUNNEL_PLAN_RESOURCE", "plans/shop.json")).plan())
        .as("a resource name without the leading slash is still taken from the classpath root")
        .isEqualTo(ShopPlans.plan());
  }

  @Test
  void namesWhatIsMissing() {
    LambdaEnvironment env = new LambdaEnvironment(Map.of());

    assertThatThrownBy(env::stageId).hasMessageContaining("RUNNEL_STAGE");
    assertThatThrownBy(env::plan).hasMessageContaining("/runnel-plan.json").hasMessageContaining(
        "RUNNEL_PLAN_RESOURCE");
    assertThatThrownBy(env::resources).hasMessageContaining("AWS_REGION");
  }

  @Test
  void buildsClientsForTheRegionAndEndpointOverrides() {
    LambdaEnvironment env = new LambdaEnvironment(Map.of("AWS_REGION", "eu-west-1",
        "RUNNEL_KINESIS_ENDPOINT", "http://127.0.0.1:4567", "RUNNEL_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));

    StageResources resources = env.resources();

    assertThat(resources.kinesis().serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
    assertThat(resources.kinesis().serviceClientConfiguration().endpointOverride())
        .hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo("http://127.0.0.1:4567"));
    assertThat(resources.dynamoDb().serviceClientConfiguration().endpointOverride())
        .hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo("http://127.0.0.1:8000"));
    resources.kinesis().close();
    resources.dynamoDb().close();
  }
}
