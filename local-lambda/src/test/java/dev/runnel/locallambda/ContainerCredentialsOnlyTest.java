package dev.runnel.locallambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.locallambda.fixtures.CredentialsHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * A function process gets credentials only as a SnapStart function does, from the container-credentials endpoint: a
 * handler reading the access-key variables fails, one reading the endpoint gets the served key. Both run through the
 * real runtime interface client.
 */
class ContainerCredentialsOnlyTest {
  private static ContainerCredentialsEndpoint endpoint;
  private static ProcessLauncher launcher;
  private static Path taskRoot;

  @BeforeAll
  static void startEndpoint() throws Exception {
    endpoint = new ContainerCredentialsEndpoint(() -> AwsBasicCredentials.create("servedkey", "servedsecret"));
    taskRoot = Files.createTempDirectory("runnel-task-test-");
    launcher = new ProcessLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
        System.getProperty("java.class.path"), taskRoot, "us-east-1", endpoint);
  }

  @AfterAll
  static void stopEndpoint() throws Exception {
    endpoint.close();
    Files.deleteIfExists(taskRoot);
  }

  @Test
  void aHandlerReadingAccessKeyVariablesFailsForTheEnvironmentHasNone() {
    InvocationResult result = invokeOnce(CredentialsHandlers.FromAccessKeyVariables.class);
    assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
    assertThat(((InvocationResult.FunctionError) result).body()).contains("AWS_ACCESS_KEY_ID");
  }

  @Test
  void aHandlerReadingTheContainerEndpointGetsTheServedKey() {
    int servedBefore = endpoint.served();
    InvocationResult result = invokeOnce(CredentialsHandlers.FromContainerEndpoint.class);
    assertThat(result).isInstanceOf(InvocationResult.Response.class);
    assertThat(new String(((InvocationResult.Response) result).body(), StandardCharsets.UTF_8))
        .isEqualTo("\"servedkey\"");
    assertThat(endpoint.served()).isGreaterThan(servedBefore);
  }

  @Test
  void theEnvironmentHoldsLambdasVariablesAndNoKeys() throws Exception {
    LambdaFunction function = new LambdaFunction("f", "x.Y::handleRequest", 512, Duration.ofSeconds(3), Map.of());
    try (LambdaRuntimeApi api = new LambdaRuntimeApi(function.arn("us-east-1"))) {
      Map<String, String> env = launcher.environment(function, api);
      assertThat(env).containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512").containsEntry("_HANDLER",
          "x.Y::handleRequest").containsEntry("AWS_LAMBDA_RUNTIME_API", api.address())
          .containsKeys("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_REGION")
          .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    }
    assertThat(function.jvmOptions()).contains("-XX:MaxHeapSize=445644k", "-XX:+UseSerialGC");
  }

  private static InvocationResult invokeOnce(Class<?> handler) {
    LambdaFunction function = new LambdaFunction(handler.getSimpleName(), handler.getName() + "::handleRequest",
        256, Duration.ofSeconds(30), Map.of());
    try (FunctionInstance instance = new FunctionInstance(function, launcher, Set.of(), (sink, json) -> { },
        Duration.ofSeconds(60))) {
      return instance.invoke("{}".getBytes(StandardCharsets.UTF_8));
    }
  }
}
