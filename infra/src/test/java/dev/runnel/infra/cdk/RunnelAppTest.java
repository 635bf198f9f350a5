package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.infra.stack.DeploymentSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** The CDK app: which jobs it plans, and the function package it finds. */
class RunnelAppTest {
  @Test
  void jobsComeFromTheArgumentsThenTheContextThenTheExamples() {
    assertThat(RunnelApp.jobClasses(new String[] {"a.B"}, "c.D")).containsExactly("a.B");
    assertThat(RunnelApp.jobClasses(new String[0], " c.D, e.F ,")).containsExactly("c.D", "e.F");
    assertThat(RunnelApp.jobClasses(new String[0], null)).isEqualTo(RunnelApp.EXAMPLE_JOBS);
  }

  @Test
  void theAppsStackPlansTheJobsAndUploadsTheModelsFunctionPackage() {
    String jar = CdkStacks.functionJar().toString();
    App app = new App();
    RunnelStack stack = RunnelApp.stack(app, "runnel-app", List.of(CdkStacks.CLICKS),
        DeploymentSettings.DEFAULT.withCodeUri(jar), null);
    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Lambda::Function", 2);
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "clicks-1"));
    assertThat(stack.jobs()).singleElement().extracting(j -> j.model().job()).isEqualTo("clicks");
    assertThat(stack.getTemplateOptions().getDescription()).contains("clicks");
  }

  @Test
  void aMissingFunctionPackageSaysHowToBuildIt() {
    assertThatThrownBy(() -> FunctionCode.locate("no/such/runnel-lambda.jar"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("mvn -pl examples -am package");
    assertThat(FunctionCode.locate(CdkStacks.functionJar().toString())).isEqualTo(CdkStacks.functionJar());
  }
}
