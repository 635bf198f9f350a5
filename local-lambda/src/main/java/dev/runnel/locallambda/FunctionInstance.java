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
  /** Invocations a new process answers (the retry and later batches) before a frozen one is resumed. */
  private static final int ZOMBIE_RESUMES_AFTER_ANSWERS = 3;

  private final LambdaFunction function;
  private final ProcessLauncher launcher;
  private final Set<String> consoleSinks;
  private final ConsoleOutput console;
  private final Duration initTimeout;
  private final ProcessFaults faults;
  private final List<ExecutionEnvironment> environments = new CopyOnWriteArrayList<>();
  private final List<Thread> zombies = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
  private ExecutionEnvironment current;
  private int failureStreak;

  FunctionInstance(LambdaFunction function, ProcessLauncher launcher, Set<String> consoleSinks, ConsoleOutput console,
      Duration initTimeout) {
    this(function, launcher, consoleSinks, console, initTimeout, ProcessFaults.NONE);
  }

  FunctionInstance(LambdaFunction function, ProcessLauncher launcher, Set<String> consoleSinks, ConsoleOutput console,
      Duration initTimeout, ProcessFaults faults) {
    this.function = function;
    this.launcher = launcher;
    this.consoleSinks = consoleSinks;
    this.console = console;
    this.initTimeout = initTimeout;
    this.faults = faults;
  }

  /** Invokes the function with the JSON event {@code payload}, starting an environment first when none is warm. */
  synchronized InvocationResult invoke(byte[] payload) {
    ExecutionEnvironment environment = warm();
    Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload, function.timeout().toMillis());
    InvocationResult result;
    boolean spareFrozen = faults.resumeFrozenAfter().isPresent();
    try {
      result = environment.invoke(invocation, initTimeout, spareFrozen);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      environment.close();
      current = null;
      throw new IllegalStateException("interrupted while invoking function " + function.name(), e);
    }
    failureStreak = result instanceof InvocationResult.Response ? 0 : failureStreak + 1;
    if (result instanceof InvocationResult.Response) {
      answered.incrementAndGet();
    }
    if (result instanceof InvocationResult.TimedOut && spareFrozen && environment.alive()) {
      LOG.warn("function {}: invocation {} timed out in a process that stopped itself (process {}); it stays frozen "
          + "while the retry and a later batch run in a new process, and at least {}", function.name(),
          invocation.requestId(), environment.pid(), faults.resumeFrozenAfter().get());
      current = null;
      resumeLater(environment, faults.resumeFrozenAfter().get());
      return result;
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

  /**
   * Resumes the frozen {@code zombie} once its retry and later batches were answered by a new process and
   * {@code delay} has passed, or when the instance closes; lets it finish its invocation, then kills it.
   */
  private void resumeLater(ExecutionEnvironment zombie, Duration delay) {
    int laterAnswers = answered.get() + ZOMBIE_RESUMES_AFTER_ANSWERS;
    long notBefore = System.nanoTime() + delay.toNanos();
    Thread thread = new Thread(() -> {
      try {
        while (!closing.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)
            && (faults.resumeFrozenAtRunEnd() || System.nanoTime() < notBefore || answered.get() < laterAnswers)) {
          // frozen while the retry and later batches commit
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      zombie.resume();
      faults.observed(function.name(), ProcessFaults.LINE_PREFIX + "SIGCONT process " + zombie.pid());
      try {
        var outcome = zombie.awaitLast(Duration.ofSeconds(60));
        String ended = outcome.map(FunctionInstance::describe).orElse("no answer within 60 s");
        LOG.warn("function {}: zombie process {} resumed and ended its invocation with {}", function.name(),
            zombie.pid(), ended);
        faults.observed(function.name(), ProcessFaults.LINE_PREFIX + "ZOMBIE ENDED process " + zombie.pid() + ": "
            + ended);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        zombie.close();
      }
    }, "zombie-" + zombie.pid());
    thread.setDaemon(true);
    zombies.add(thread);
    thread.start();
  }

  /** An invocation's end, for a person: the answer or error text. */
  private static String describe(InvocationResult result) {
    if (result instanceof InvocationResult.Response response) {
      return "a response " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (result instanceof InvocationResult.FunctionError error) {
      return "an error " + error.body();
    }
    return result.toString();
  }

  private ExecutionEnvironment warm() {
    if (current != null && current.alive()) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    try {
      LambdaFunction withFaults = function.withMoreEnvironment(
          faults.environment(function.name(), environments.size(), failureStreak));
      current = ExecutionEnvironment.start(withFaults, launcher, new ChildOutput(consoleSinks, console, line -> {
        if (line.startsWith(ProcessFaults.LINE_PREFIX)) {
          faults.observed(function.name(), line);
        }
        LOG.info("[{}] {}", function.name(), line);
      }));
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

  /** Resumes the zombies still frozen, waits for them to end their invocation, then stops every process. */
  @Override
  public void close() {
    closing.countDown();
    for (Thread zombie : zombies) {
      try {
        zombie.join(Duration.ofSeconds(70).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    environments.forEach(ExecutionEnvironment::close);
  }
}
