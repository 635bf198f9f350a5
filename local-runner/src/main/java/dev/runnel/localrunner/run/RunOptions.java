package dev.runnel.localrunner.run;

import dev.runnel.localrunner.esm.MappingSettings;
import dev.runnel.localrunner.input.InputSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a local run behaves.
 *
 * @param inputs         inputs for source streams; a source stream without one gets its bundled input, if any
 * @param quietTimeout   how long the job may stay busy after the inputs are fed before the run fails
 * @param pollInterval   how long an idle shard waits between GetRecords calls
 * @param progress       receives a line per step (starting emulators, feeding, waiting), for a person to follow
 * @param jobClassLoader loads the job's classes and bundled inputs
 * @param functions      creates the function instance of each shard ({@link FunctionFactory#REAL} but in fault tests)
 */
public record RunOptions(
    List<InputSource> inputs, Duration quietTimeout, Duration pollInterval, Consumer<String> progress,
    ClassLoader jobClassLoader, FunctionFactory functions) {

  public RunOptions {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(quietTimeout, "quietTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(jobClassLoader, "jobClassLoader");
    Objects.requireNonNull(functions, "functions");
  }

  /** Bundled inputs, 2 minutes to go quiet, 200 ms polls, no progress lines, this thread's class loader. */
  public static RunOptions defaults() {
    return new RunOptions(List.of(), Duration.ofMinutes(2), MappingSettings.DEFAULT_POLL_INTERVAL, line -> { },
        Thread.currentThread().getContextClassLoader(), FunctionFactory.REAL);
  }

  /** The same options with these inputs. */
  public RunOptions withInputs(List<InputSource> newInputs) {
    return new RunOptions(newInputs, quietTimeout, pollInterval, progress, jobClassLoader, functions);
  }

  /** The same options reporting progress lines to {@code listener}. */
  public RunOptions withProgress(Consumer<String> listener) {
    return new RunOptions(inputs, quietTimeout, pollInterval, listener, jobClassLoader, functions);
  }

  /** The same options with another idle poll interval. */
  public RunOptions withPollInterval(Duration interval) {
    return new RunOptions(inputs, quietTimeout, interval, progress, jobClassLoader, functions);
  }

  /** The same options creating function instances with {@code factory}. */
  public RunOptions withFunctions(FunctionFactory factory) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, factory);
  }
}
