package dev.runnel.localrunner.run;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.StageMetrics;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.localrunner.esm.StageMapping;
import dev.runnel.localrunner.esm.MappingCounters;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.SinkCollector;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local run while it goes, read from any thread: each stage's counters, shards, watermarks and checkpoints, the
 * model calls, the sinks so far and the dead letters. Counters are read from memory; watermarks, checkpoints, sinks and
 * dead letters with requests to the emulators, which are not counted in the run's bill.
 */
public final class LiveRun {
  private final Plan plan;
  private final Map<String, StageMapping> mappings;
  private final Map<String, StageFunctions> functions;
  private final Map<String, StageTicker> tickers;
  private final ProgressStore progress;
  private final CheckpointStore checkpoints;
  private final Function<String, InferenceCounters> models;
  private final CollectedConsole console;
  private final SinkCollector collector;

  LiveRun(Plan plan, Map<String, StageMapping> mappings, Map<String, StageFunctions> functions,
      Map<String, StageTicker> tickers, ProgressStore progress, Function<String, InferenceCounters> models,
      CollectedConsole console, SinkCollector collector, DynamoDbClient dynamoDb) {
    this.plan = plan;
    this.mappings = Map.copyOf(mappings);
    this.functions = Map.copyOf(functions);
    this.tickers = Map.copyOf(tickers);
    this.progress = progress;
    this.models = models;
    this.console = console;
    this.collector = collector;
    this.checkpoints = plan.tables(TableRole.CHECKPOINT).isEmpty() ? null
        : new DynamoDbCheckpointStore(dynamoDb, plan.tables(TableRole.CHECKPOINT).get(0).name());
  }

  /** The plan being run. */
  public Plan plan() {
    return plan;
  }

  /** What the stage's event source mapping has done so far: batches, records, retries, bisects, discards. */
  public MappingCounters.Snapshot mapping(String stageId) {
    return mapping(stageId, StageMapping::counters);
  }

  /** Where each shard of the stage's input stands: records fetched, batches, idle, iterator age. */
  public List<dev.runnel.localrunner.esm.ShardProgress> shards(String stageId) {
    return mapping(stageId, StageMapping::progress);
  }

  /** The counters of every function instance of the stage, summed. */
  public StageMetrics metrics(String stageId) {
    StageFunctions stage = functions.get(stageId);
    if (stage == null) {
      throw new IllegalArgumentException("no stage " + stageId + " in job " + plan.job());
    }
    return stage.metrics();
  }

  /** Ticks the runner has sent the stage; 0 for a stage without ticks. */
  public long ticks(String stageId) {
    StageTicker ticker = tickers.get(stageId);
    return ticker == null ? 0 : ticker.ticks();
  }

  /** The watermarks the stage's shards have published; empty for a job without event time. */
  public List<ShardProgress> watermarks(String stageId) {
    return progress == null ? List.of() : progress.read(stageId);
  }

  /** The committed position of the stage on the shard, read strongly consistently; empty before its first commit. */
  public Optional<Checkpoint> checkpoint(String stageId, String shardId) {
    return checkpoints == null ? Optional.empty() : checkpoints.load(stageId, shardId);
  }

  /** The stage's model calls so far, or null for a stage without inference operators. */
  public InferenceMetrics models(String stageId) {
    StageSpec stage = stage(stageId);
    return stage.operators().stream().anyMatch(o -> o.inference() != null) ? models.apply(stageId).snapshot() : null;
  }

  /** Every sink's records so far, in plan order (a sink stream read from its start, a table scanned). */
  public List<SinkContents> sinks() {
    return collector.sinks(console.lines());
  }

  /** The dead-letter table's items so far. */
  public List<DeadLetter> deadLetters() {
    return collector.deadLetters();
  }

  private StageSpec stage(String stageId) {
    return plan.stages().stream().filter(s -> s.id().equals(stageId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage " + stageId + " in job " + plan.job()));
  }

  private <T> T mapping(String stageId, Function<StageMapping, T> read) {
    StageMapping mapping = mappings.get(stageId);
    if (mapping == null) {
      throw new IllegalArgumentException("no stage " + stageId + " in job " + plan.job());
    }
    return read.apply(mapping);
  }
}
