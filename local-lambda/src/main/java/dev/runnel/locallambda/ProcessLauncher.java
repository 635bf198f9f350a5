package dev.runnel.locallambda;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a function's JVM as Lambda's Java runtime starts it: {@code java} with the memory options of the function's
 * size, the runtime interface client ({@code AWSLambda}) as main class and the handler as argument, the function
 * code's directory as working directory, and an environment built from nothing: Lambda's reserved variables, the
 * function's configured ones, and credentials only through the container-credentials endpoint (no access-key
 * variable, whatever the parent has).
 *
 * @param javaExecutable the {@code java} executable
 * @param classpath   the runtime interface client, the Runnel runtime and the job's classes
 * @param taskRoot    the function code's directory ({@code LAMBDA_TASK_ROOT}, on the classpath first: the plan)
 * @param region      the region ({@code AWS_REGION})
 * @param credentials where the functions get their credentials
 */
record ProcessLauncher(Path javaExecutable, String classpath, Path taskRoot, String region,
    ContainerCredentialsEndpoint credentials) {
  /** The runtime interface client's entry point. */
  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final DateTimeFormatter LOG_STREAM_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd")
      .withZone(ZoneOffset.UTC);

  /** Starts the JVM of one execution environment of {@code function}, polling {@code runtimeApi}. */
  Process launch(LambdaFunction function, LambdaRuntimeApi runtimeApi) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(function.jvmOptions());
    command.add("-cp");
    command.add(taskRoot + java.io.File.pathSeparator + classpath);
    command.add(RUNTIME_MAIN);
    command.add(function.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(environment(function, runtimeApi));
    return builder.start();
  }

  /** The environment of one execution environment: Lambda's reserved variables, then the function's own. */
  Map<String, String> environment(LambdaFunction function, LambdaRuntimeApi runtimeApi) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("_HANDLER", function.handler());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_DAY.format(Instant.now()) + "/[$LATEST]"
        + UUID.randomUUID().toString().replace("-", ""));
    // SnapStart: the runtime runs the init, then asks /restore/next before its first invocation
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri().toString());
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token());
    env.putAll(function.environment());
    return env;
  }
}
