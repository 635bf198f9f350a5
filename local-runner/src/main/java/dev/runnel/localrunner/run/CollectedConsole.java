package dev.runnel.localrunner.run;

import dev.runnel.functions.ConsoleOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The console sinks of a local run: lines are kept per sink for the summary instead of being printed. */
final class CollectedConsole implements ConsoleOutput {
  private final Map<String, List<String>> lines = new HashMap<>();

  @Override
  public synchronized void print(String sinkName, String json) {
    lines.computeIfAbsent(sinkName, name -> new ArrayList<>()).add(json);
  }

  /** A copy of the lines so far, by sink name. */
  synchronized Map<String, List<String>> lines() {
    Map<String, List<String>> copy = new HashMap<>();
    lines.forEach((sink, printed) -> copy.put(sink, List.copyOf(printed)));
    return copy;
  }
}
