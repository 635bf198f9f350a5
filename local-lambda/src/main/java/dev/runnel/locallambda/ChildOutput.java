package dev.runnel.locallambda;

import dev.runnel.functions.ConsoleOutput;
import dev.runnel.functions.CounterLine;
import dev.runnel.functions.StageMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads what a function's process prints, as Lambda sends it to the function's log: counter lines become the
 * instance's counters, console-sink lines ({@code [sink] json}) go to the run's console, and every other line
 * (standard output and standard error) to {@code log}.
 */
final class ChildOutput {
  private final Set<String> consoleSinks;
  private final ConsoleOutput console;
  private final Consumer<String> log;
  private final Map<String, CompletableFuture<StageMetrics>> byRequest = new ConcurrentHashMap<>();
  private volatile StageMetrics latest = StageMetrics.ZERO;

  /**
   * @param consoleSinks the names of the stage's console sinks
   * @param console      where their records go
   * @param log          receives every other line
   */
  ChildOutput(Set<String> consoleSinks, ConsoleOutput console, Consumer<String> log) {
    this.consoleSinks = Set.copyOf(consoleSinks);
    this.console = console;
    this.log = log;
  }

  /** Reads {@code stdout} and {@code stderr} of the process on two daemon threads until they end. */
  void follow(Process process, String name) {
    thread(process.getInputStream(), this::stdout, name + "-stdout");
    thread(process.getErrorStream(), log, name + "-stderr");
  }

  /** The counters the process reported last (cumulative since it started). */
  StageMetrics latest() {
    return latest;
  }

  /** Completes with the counters the process printed after invocation {@code requestId}. */
  CompletableFuture<StageMetrics> countersAfter(String requestId) {
    return byRequest.computeIfAbsent(requestId, id -> new CompletableFuture<>());
  }

  /** Forgets the wait for {@code requestId}'s counters. */
  void forget(String requestId) {
    byRequest.remove(requestId);
  }

  private void stdout(String line) {
    var counters = CounterLine.parse(line);
    if (counters.isPresent()) {
      latest = counters.get().metrics();
      countersAfter(counters.get().requestId()).complete(counters.get().metrics());
      return;
    }
    int close = line.indexOf("] ");
    if (line.startsWith("[") && close > 1 && consoleSinks.contains(line.substring(1, close))) {
      console.print(line.substring(1, close), line.substring(close + 2));
      return;
    }
    log.accept(line);
  }

  private static void thread(InputStream in, Consumer<String> lines, String name) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.accept(line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }
}
