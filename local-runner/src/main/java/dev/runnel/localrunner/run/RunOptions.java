package dev.runnel.localrunner.run;

import dev.runnel.localrunner.esm.LaneHash;
import dev.runnel.localrunner.esm.MappingSettings;
import dev.runnel.localrunner.input.InputSource;
import java.nio.file.Path;
import java.time.Duration;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.StageSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a local run behaves.
 *
 * @param inputs         inputs for source streams; a source stream without one gets its bundled input, if any
 * @param quietTimeout   how long the job may stay busy without progress (no record fetched, no invocation or tick
 *                       succeeding with an effect) after the inputs are fed before the run fails; a large input or a
 *                       loaded machine makes the run longer, not failed
 * @param pollInterval   how long an idle shard waits between GetRecords calls
 * @param progress       receives a line per step (starting emulators, feeding, waiting), for a person to follow
 * @param jobClassLoader loads the job's classes and bundled inputs
 * @param functions      creates the function instance of each shard and the tick function of each stage
 *                       ({@link FunctionFactory#REAL} but in fault tests)
 * @param tickEvery      how often the runner ticks each stage whose plan asks for ticks ({@code time().tickSeconds()
 *                       > 0}), to advance its watermark and fire windows and timers. In AWS an EventBridge schedule
 *                       ticks every {@code tickSeconds} of the plan (60 s at the finest); locally the runner ticks
 *                       faster so that a run ends in seconds. Ticks of one stage never overlap.
 * @param endOfInput     declare the end of the input once every input record has been fed and the stages have
 *                       drained them: the runner publishes the final watermark ({@link Long#MAX_VALUE}) for every
 *                       shard of every stage that reads a source, so every window still open fires, as Flink does at
 *                       the end of a bounded source (see {@link EndOfInput}). Right for the finite input files a
 *                       local run feeds (the default); a run against an unbounded input must turn it off, or records
 *                       that arrive later are late for every window
 * @param models         how inference stages reach their models: the environment with endpoint overrides
 *                       ({@code RUNNEL_MODEL_<NAME>_ENDPOINT}) and API keys, SSM and Secrets Manager
 * @param batching       event source mapping settings by stage id that replace the plan's {@code batching} of those
 *                       stages, for example the settings of a deployed stack's mappings read back through the Lambda
 *                       API; a stage not in it runs with its plan's settings (empty by default)
 * @param stateDir       where the emulators keep their data ({@link StateDirectory}), so that a run killed and
 *                       started again with the same directory resumes; null (the default) keeps everything in memory
 * @param laneHash       which lane of a shard a partition key goes to in a stage with a ParallelizationFactor above 1
 *                       (Lambda does not say how it picks; tests run with both {@link LaneHash}es)
 */
public record RunOptions(
    List<InputSource> inputs, Duration quietTimeout, Duration pollInterval, Consumer<String> progress,
    ClassLoader jobClassLoader, FunctionFactory functions, Duration tickEvery, boolean endOfInput,
    ModelAccess models, Map<String, BatchingSpec> batching, Path stateDir, LaneHash laneHash) {

  /** Options keeping the emulators' data in memory and assigning lanes with {@link LaneHash#CRC32C}. */
  public RunOptions(List<InputSource> inputs, Duration quietTimeout, Duration pollInterval, Consumer<String> progress,
      ClassLoader jobClassLoader, FunctionFactory functions, Duration tickEvery, boolean endOfInput,
      ModelAccess models, Map<String, BatchingSpec> batching) {
    this(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery, endOfInput, models,
        batching, null, LaneHash.CRC32C);
  }

  /** Options running every stage with its plan's mapping settings. */
  public RunOptions(List<InputSource> inputs, Duration quietTimeout, Duration pollInterval, Consumer<String> progress,
      ClassLoader jobClassLoader, FunctionFactory functions, Duration tickEvery, boolean endOfInput,
      ModelAccess models) {
    this(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery, endOfInput, models,
        Map.of());
  }

  /** Options reaching models as the process environment says. */
  public RunOptions(List<InputSource> inputs, Duration quietTimeout, Duration pollInterval, Consumer<String> progress,
      ClassLoader jobClassLoader, FunctionFactory functions, Duration tickEvery, boolean endOfInput) {
    this(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery, endOfInput,
        ModelAccess.fromProcess());
  }

  /** How often a local run ticks by default. */
  public static final Duration DEFAULT_TICK_EVERY = Duration.ofSeconds(1);

  public RunOptions {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(quietTimeout, "quietTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(jobClassLoader, "jobClassLoader");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(tickEvery, "tickEvery");
    batching = Map.copyOf(batching);
    Objects.requireNonNull(laneHash, "laneHash");
    if (tickEvery.isNegative() || tickEvery.isZero()) {
      throw new IllegalArgumentException("tickEvery must be positive, not " + tickEvery);
    }
  }

  /**
   * Bundled inputs, 2 minutes without progress before the run fails, 200 ms polls, no progress lines, this thread's class loader, the real
   * functions, a tick every second, and the end of input declared once the inputs are drained.
   */
  public static RunOptions defaults() {
    return new RunOptions(List.of(), Duration.ofMinutes(2), MappingSettings.DEFAULT_POLL_INTERVAL, line -> { },
        Thread.currentThread().getContextClassLoader(), FunctionFactory.REAL, DEFAULT_TICK_EVERY, true);
  }

  /** The same options with these inputs. */
  public RunOptions withInputs(List<InputSource> newInputs) {
    return new RunOptions(newInputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options reporting progress lines to {@code listener}. */
  public RunOptions withProgress(Consumer<String> listener) {
    return new RunOptions(inputs, quietTimeout, pollInterval, listener, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options with another idle poll interval. */
  public RunOptions withPollInterval(Duration interval) {
    return new RunOptions(inputs, quietTimeout, interval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options creating function instances with {@code factory}. */
  public RunOptions withFunctions(FunctionFactory factory) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, factory, tickEvery,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options with another time the job may go without progress before the run fails. */
  public RunOptions withQuietTimeout(Duration timeout) {
    return new RunOptions(inputs, timeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options ticking every {@code interval} (AWS ticks every {@code tickSeconds} of the plan). */
  public RunOptions withTickEvery(Duration interval) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, interval,
        endOfInput, models, batching, stateDir, laneHash);
  }

  /** The same options reaching models through {@code access}. */
  public RunOptions withModels(ModelAccess access) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, access, batching, stateDir, laneHash);
  }

  /** The same options declaring the end of input after the inputs are drained, or not (for unbounded inputs). */
  public RunOptions withEndOfInput(boolean declare) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        declare, models, batching, stateDir, laneHash);
  }

  /**
   * The same options running the stages in {@code byStage} with those mapping settings instead of their plan's
   * (batch size, batching window, bisect, retries, parallelization factor).
   */
  public RunOptions withBatching(Map<String, BatchingSpec> byStage) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, byStage, stateDir, laneHash);
  }

  /** The same options keeping the emulators' data in {@code dir} (null: in memory), so that a killed run resumes. */
  public RunOptions withStateDir(Path dir) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, dir, laneHash);
  }

  /** The same options assigning lanes with {@code hash}. */
  public RunOptions withLaneHash(LaneHash hash) {
    return new RunOptions(inputs, quietTimeout, pollInterval, progress, jobClassLoader, functions, tickEvery,
        endOfInput, models, batching, stateDir, hash);
  }

  /** The mapping settings {@code stage} runs with: the override for its id if there is one, else its plan's. */
  public BatchingSpec batchingOf(StageSpec stage) {
    return batching.getOrDefault(stage.id(), stage.batching());
  }
}
