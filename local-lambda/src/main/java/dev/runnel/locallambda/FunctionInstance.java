package dev.runnel.locallambda;

import dev.runnel.functions.ConsoleOutput;
import dev.runnel.functions.StageMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event source mapping keeps per shard (or a schedule per stage): one warm execution environment of a
 * function, invoked one event at a time. An environment that timed out, crashed or failed its init is replaced by a
 * new process at the next invocation, as Lambda retries a batch in a fresh environment; a handler that threw keeps its
 * environment, as on Lambda.
 */
final class FunctionInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionInstance.class);

  private final LambdaFunction function;
  private final ProcessLauncher launcher;
  private final Set<String> consoleSinks;
  private final ConsoleOutput console;
  private final Duration initTimeout;
  private final List<ExecutionEnvironment> environments = new CopyOnWriteArrayList<>();
  private ExecutionEnvironment current;

  FunctionInstance(LambdaFunction function, ProcessLauncher launcher, Set<String> consoleSinks, ConsoleOutput console,
      Duration initTimeout) {
    this.function = function;
    this.launcher = launcher;
    this.consoleSinks = consoleSinks;
    this.console = console;
    this.initTimeout = initTimeout;
  }

  /** Invokes the function with the JSON event {@code payload}, starting an environment first when none is warm. */
  synchronized InvocationResult invoke(byte[] payload) {
    ExecutionEnvironment environment = warm();
    Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload, function.timeout().toMillis());
    InvocationResult result;
    try {
      result = environment.invoke(invocation, initTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      environment.close();
      current = null;
      throw new IllegalStateException("interrupted while invoking function " + function.name(), e);
    }
    if (result instanceof InvocationResult.TimedOut || result instanceof InvocationResult.Exited
        || result instanceof InvocationResult.InitError) {
      LOG.warn("function {}: invocation {} ended with {}; its environment (process {}) is replaced at the next "
          + "invocation", function.name(), invocation.requestId(), result, environment.pid());
      environment.close();
      current = null;
    }
    return result;
  }

  private ExecutionEnvironment warm() {
    if (current != null && current.alive()) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    try {
      current = ExecutionEnvironment.start(function, launcher, new ChildOutput(consoleSinks, console,
          line -> LOG.info("[{}] {}", function.name(), line)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a process for function " + function.name(), e);
    }
    environments.add(current);
    return current;
  }

  /** The function. */
  LambdaFunction function() {
    return function;
  }

  /** The environment serving invocations now, if one is warm. */
  synchronized java.util.Optional<ExecutionEnvironment> current() {
    return java.util.Optional.ofNullable(current);
  }

  /** The counters of every environment so far, summed (each the last its process reported). */
  StageMetrics counters() {
    return environments.stream().map(ExecutionEnvironment::counters).reduce(StageMetrics.ZERO, StageMetrics::plus);
  }

  /** How long each environment so far took from its start to its first poll for an invocation. */
  List<Duration> startTimes() {
    return environments.stream().flatMap(e -> e.startTime().stream()).toList();
  }

  /** How many environments (processes) were started. */
  int environmentsStarted() {
    return environments.size();
  }

  @Override
  public void close() {
    environments.forEach(ExecutionEnvironment::close);
  }
}
