package dev.runnel.locallambda;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One function as configured for Lambda: its name, handler, memory, timeout and the environment variables its
 * configuration sets (Lambda adds its own reserved ones when it starts an environment).
 *
 * @param name        the function name, e.g. the stage id, or {@code <stage>-tick}
 * @param handler     {@code class::method}
 * @param memoryMb    the memory size
 * @param timeout     the function timeout
 * @param environment the configured variables (stage, plan resource, endpoints, JVM options)
 */
record LambdaFunction(String name, String handler, int memoryMb, Duration timeout, Map<String, String> environment) {
  /** The stage function's handler (infra's {@code FunctionKind.STAGE}). */
  static final String STAGE_HANDLER = "dev.runnel.functions.StageStreamHandler::handleRequest";
  /** The tick function's handler (infra's {@code FunctionKind.TICK}). */
  static final String TICK_HANDLER = "dev.runnel.functions.StageTickHandler::handleRequest";

  LambdaFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(environment);
  }

  /** The same function with {@code more} variables (those already set keep their values unless named again). */
  LambdaFunction withMoreEnvironment(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(environment);
    merged.putAll(more);
    return new LambdaFunction(name, handler, memoryMb, timeout, merged);
  }

  /** The function's ARN in the local account. */
  String arn(String region) {
    return "arn:aws:lambda:" + region + ":000000000000:function:" + name;
  }

  /**
   * The JVM's memory options as Lambda's Java runtime derives them from the memory size: 85 % heap, 10 % metaspace,
   * 5 % code cache, the serial collector.
   */
  java.util.List<String> jvmOptions() {
    long kb = memoryMb * 1024L;
    return java.util.List.of("-XX:MaxHeapSize=" + kb * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kb / 10 + "k",
        "-XX:ReservedCodeCacheSize=" + kb / 20 + "k", "-XX:+UseSerialGC", "-Xshare:auto");
  }
}
