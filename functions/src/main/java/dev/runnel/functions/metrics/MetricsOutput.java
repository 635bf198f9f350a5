package dev.runnel.functions.metrics;

/** Where metric lines go. Must be thread-safe if one instance is shared by several handlers. */
@FunctionalInterface
public interface MetricsOutput {
  /** Drops every line: the local runner and tests that do not look at metrics. */
  MetricsOutput NONE = line -> { };

  /** Writes one Embedded Metric Format line, a complete JSON object without line breaks. */
  void emit(String line);

  /** Prints each line to standard output, which Lambda sends to the function's log group (CloudWatch reads it there). */
  static MetricsOutput stdout() {
    return System.out::println;
  }
}
