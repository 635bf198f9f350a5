package dev.runnel.functions;

/** Where console sinks print. Must be thread-safe if one instance is shared by several handlers. */
@FunctionalInterface
public interface ConsoleOutput {
  /** Prints one record, as JSON, of the console sink {@code sinkName}. */
  void print(String sinkName, String json);

  /** Prints {@code [sinkName] json} lines to standard output (the function log on Lambda). */
  static ConsoleOutput stdout() {
    return (sinkName, json) -> System.out.println("[" + sinkName + "] " + json);
  }
}
