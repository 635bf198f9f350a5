package dev.runnel.faults.run;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.faults.inject.FaultyFunctions;
import dev.runnel.faults.inject.Resharder;
import dev.runnel.faults.inject.ReshardingInputs;
import dev.runnel.faults.inject.Zombies;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.SourceInputs;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.LocalRunException;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamRole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs jobs on one pair of local emulators (started once, reset between runs): a failure-free reference run, then
 * runs with a {@link FaultPlan}'s faults, each compared with the reference in a {@link FaultReport}. The first
 * stage's source input is always fed in two halves, so a mid-run reshard can happen between them.
 */
public final class FaultHarness implements AutoCloseable {
  private static final Duration ZOMBIE_WAIT = Duration.ofSeconds(30);

  private final LocalEmulators emulators;

  private FaultHarness(LocalEmulators emulators) {
    this.emulators = emulators;
  }

  /** Starts kinesis-local and DynamoDB Local (about 5 s). */
  public static FaultHarness start() {
    return new FaultHarness(LocalEmulators.start());
  }

  /** Runs {@code plan} without faults and returns what it produced. */
  public RunOutput reference(Plan plan, RunOptions options) {
    return execute(plan, options, FaultPlan.none(0), new FaultLog(), new Zombies(), FunctionFactory.REAL);
  }

  /** Runs {@code plan} with {@code faults} and compares it with {@code reference}, a run of the same plan and inputs. */
  public FaultReport run(Plan plan, RunOptions options, FaultPlan faults, RunOutput reference) {
    long started = System.nanoTime();
    FaultLog log = new FaultLog();
    Zombies zombies = new Zombies();
    RunOutput faulty = execute(plan, options, faults, log, zombies, new FaultyFunctions(plan, faults, log, zombies));
    int zombiesLeft;
    try {
      zombiesLeft = zombies.awaitAll(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted", e);
    }
    long discarded = faulty.summary().discardedBatches().stream().mapToLong(d -> d.batchInfo().batchSize()).sum();
    return new FaultReport(faults, log.counts(), log.lines(), OutputComparison.compare(reference, faulty),
        discarded, zombiesLeft, Duration.ofNanos(System.nanoTime() - started));
  }

  /** A reference run, then a run with {@code faults}, compared. */
  public FaultReport check(Plan plan, RunOptions options, FaultPlan faults) {
    return run(plan, options, faults, reference(plan, options));
  }

  private RunOutput execute(Plan plan, RunOptions options, FaultPlan faults, FaultLog log, Zombies zombies,
      FunctionFactory functions) {
    try {
      EmulatorReset.reset(emulators.kinesis(), emulators.dynamoDb());
      String stream = plan.stages().get(0).input().stream();
      boolean source = plan.streams().stream()
          .anyMatch(s -> s.name().equals(stream) && s.role() == StreamRole.SOURCE);
      List<InputSource> inputs = SourceInputs.resolve(plan, options.inputs(), options.jobClassLoader());
      if (source) {
        Runnable reshard = reshard(faults, log, stream);
        inputs = ReshardingInputs.halves(inputs, stream, reshard);
      } else if (faults.has(FaultKind.SHARD_SPLIT) || faults.has(FaultKind.SHARD_MERGE)) {
        throw new IllegalArgumentException("resharding needs the first stage to read a source stream, not " + stream);
      }
      RunSummary summary = new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(),
          options.withInputs(inputs).withFunctions(functions)).run();
      zombies.awaitAll(ZOMBIE_WAIT);
      return output(plan, summary);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while running job " + plan.job(), e);
    }
  }

  private Runnable reshard(FaultPlan faults, FaultLog log, String stream) {
    FaultDice dice = new FaultDice(faults, log, "reshard/" + stream);
    Resharder resharder = new Resharder(emulators.kinesis(), stream, dice);
    if (faults.has(FaultKind.SHARD_SPLIT)) {
      return resharder::split;
    }
    if (faults.has(FaultKind.SHARD_MERGE)) {
      return resharder::merge;
    }
    return () -> { };
  }

  private RunOutput output(Plan plan, RunSummary summary) {
    Map<String, List<String>> tables = new HashMap<>();
    Map<String, List<SinkRecord>> streams = new HashMap<>();
    StreamSinkReader reader = new StreamSinkReader(emulators.kinesis());
    for (SinkContents sink : summary.sinks()) {
      if (sink.kind() == OutputKind.TABLE) {
        tables.put(sink.name(), sink.records());
      } else if (sink.kind() == OutputKind.STREAM) {
        streams.put(sink.name(), reader.read(sink.target()));
      }
    }
    List<String> deadLetters = summary.deadLetters().stream()
        .map(d -> d.stage() + " " + d.errorType() + " " + d.payload()).sorted().toList();
    List<String> keyedState = new KeyedStateReader(emulators.dynamoDb()).read(plan);
    return new RunOutput(tables, streams, deadLetters, keyedState, summary);
  }


  /** Stops both emulators. */
  @Override
  public void close() {
    emulators.close();
  }
}
