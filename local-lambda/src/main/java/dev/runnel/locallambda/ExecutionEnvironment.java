package dev.runnel.locallambda;

import dev.runnel.functions.CounterLine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lambda execution environment: a function's JVM and the Runtime API it polls. It handles one invocation at a
 * time; an invocation that outlives the function timeout kills the process ({@code SIGKILL}), as Lambda resets a
 * timed-out environment.
 */
final class ExecutionEnvironment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionEnvironment.class);
  /** How long a counter line may trail the answer it follows (it is printed before the answer is posted). */
  private static final Duration COUNTERS_WAIT = Duration.ofSeconds(5);

  private final LambdaFunction function;
  private final LambdaRuntimeApi runtimeApi;
  private final Process process;
  private final ChildOutput output;
  private final long launched = System.nanoTime();
  private volatile LambdaRuntimeApi.Pending last;

  private ExecutionEnvironment(LambdaFunction function, LambdaRuntimeApi runtimeApi, Process process,
      ChildOutput output) {
    this.function = function;
    this.runtimeApi = runtimeApi;
    this.process = process;
    this.output = output;
  }

  /** Starts a new environment of {@code function}: its Runtime API, then its JVM. */
  static ExecutionEnvironment start(LambdaFunction function, ProcessLauncher launcher, ChildOutput output)
      throws IOException {
    LambdaRuntimeApi api = new LambdaRuntimeApi(function.arn(launcher.region()));
    try {
      Process process = launcher.launch(function, api);
      output.follow(process, function.name() + "-" + process.pid());
      LOG.debug("started function {} in process {}", function.name(), process.pid());
      return new ExecutionEnvironment(function, api, process, output);
    } catch (IOException | RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /**
   * Invokes the function with {@code payload} and waits for the answer: at most {@code initTimeout} for the runtime to
   * take the invocation (the JVM start and the handler's init), then the function timeout.
   */
  InvocationResult invoke(Invocation invocation, Duration initTimeout) throws InterruptedException {
    return invoke(invocation, initTimeout, false);
  }

  /**
   * As {@link #invoke(Invocation, Duration)}; with {@code spareFrozen}, a process found stopped ({@code SIGSTOP}) at
   * the timeout is left frozen instead of killed, to be resumed as a zombie.
   */
  InvocationResult invoke(Invocation invocation, Duration initTimeout, boolean spareFrozen)
      throws InterruptedException {
    LambdaRuntimeApi.Pending pending = runtimeApi.submit(invocation);
    last = pending;
    long initDeadline = launched + initTimeout.toNanos();
    CompletableFuture<Process> exited = process.onExit();
    while (true) {
      InvocationResult result = pending.result().getNow(null);
      if (result != null) {
        return afterAnswer(invocation, result);
      }
      if (exited.isDone()) {
        // an answer posted just before the exit still counts
        return pending.result().getNow(new InvocationResult.Exited(process.exitValue()));
      }
      long now = System.nanoTime();
      Long taken = pending.taken().getNow(null);
      if (taken != null && now - taken > invocation.timeoutMillis() * 1_000_000L) {
        if (!(spareFrozen && stopped())) {
          kill();
        }
        return new InvocationResult.TimedOut(invocation.timeoutMillis());
      }
      if (taken == null && now > initDeadline) {
        kill();
        return new InvocationResult.InitError("Runtime.InitTimeout", "{\"errorMessage\":\"the runtime did not ask for"
            + " an invocation within " + initTimeout.toSeconds() + " s of its start\"}");
      }
      try {
        CompletableFuture.anyOf(pending.result(), exited).get(50, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // look again
      }
    }
  }

  /** Waits for the counter line the handler printed before answering, so the run's counters include it. */
  private InvocationResult afterAnswer(Invocation invocation, InvocationResult result) throws InterruptedException {
    boolean printsCounters = Boolean.parseBoolean(function.environment().get(CounterLine.ENABLED));
    if (printsCounters
        && (result instanceof InvocationResult.Response || result instanceof InvocationResult.FunctionError)) {
      try {
        output.countersAfter(invocation.requestId()).get(COUNTERS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("function {} (process {}) answered invocation {} without printing its counters first",
            function.name(), process.pid(), invocation.requestId());
      } finally {
        output.forget(invocation.requestId());
      }
    }
    return result;
  }

  /** When the runtime first polled for an invocation, after its start; empty while it is starting. */
  java.util.Optional<Duration> startTime() {
    Long ready = runtimeApi.ready().getNow(null);
    return ready == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(ready - launched));
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  /** True while the process runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** The counters the process reported last. */
  dev.runnel.functions.StageMetrics counters() {
    return output.latest();
  }

  /** True when the process is stopped by a signal ({@code T} in {@code /proc/<pid>/stat}; Linux only). */
  boolean stopped() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Resumes a stopped process ({@code kill -CONT}). */
  void resume() {
    try {
      new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot resume process " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits up to {@code timeout} for the answer to the last invocation (or the process's end): what a resumed zombie
   * did in the end; empty if neither came.
   */
  java.util.Optional<InvocationResult> awaitLast(Duration timeout) throws InterruptedException {
    LambdaRuntimeApi.Pending pending = last;
    if (pending == null) {
      return java.util.Optional.empty();
    }
    try {
      CompletableFuture.anyOf(pending.result(), process.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // nothing yet
    }
    InvocationResult result = pending.result().getNow(null);
    if (result == null && !process.isAlive()) {
      result = new InvocationResult.Exited(process.exitValue());
    }
    return java.util.Optional.ofNullable(result);
  }

  /** Kills the process with {@code SIGKILL} and waits for it to end. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process if it still runs and stops the Runtime API. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    runtimeApi.close();
  }
}
