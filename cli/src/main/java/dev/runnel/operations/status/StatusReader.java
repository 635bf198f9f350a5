package dev.runnel.operations.status;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.infra.stack.RunnelMetrics;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.target.JobMetrics;
import dev.runnel.operations.target.JobTarget;
import dev.runnel.operations.target.StreamShardList;
import dev.runnel.functions.aggregate.SubRecordPosition;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads where a job stands: per stage and shard its checkpoint (position, watermark), the arrival of the committed
 * record and of the first one after it, and {@code MillisBehindLatest} from there ({@code GetShardIterator} +
 * {@code GetRecords} of one record, twice per shard); per stage its dead letters (a scan of the dead-letter table),
 * model calls and cost (the target's metrics, when it has any).
 */
public final class StatusReader {
  private final JobTarget target;
  private final Clock clock;

  /** A reader of the target's job at the time of {@code clock}. */
  public StatusReader(JobTarget target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  /** Reads the job's status. */
  public JobStatus read() {
    Instant now = clock.instant();
    Optional<String> checkpointTable = target.table(TableRole.CHECKPOINT);
    DynamoDbCheckpointStore checkpoints = checkpointTable.map(t -> new DynamoDbCheckpointStore(target.dynamoDb(), t))
        .orElse(null);
    Map<String, Long> deadLetters = DeadLetterTable.of(target).countPerStage();
    Metrics metrics = Metrics.read(target);
    List<StageStatus> stages = new ArrayList<>();
    for (StageSpec stage : target.plan().stages()) {
      String stream = target.names().stream(stage.input().stream());
      List<ShardStatus> shards = new ArrayList<>();
      for (Shard shard : shards(stream)) {
        shards.add(shard(stage, stream, shard, checkpoints, now));
      }
      boolean callsModels = stage.operators().stream().anyMatch(o -> o.kind() == OperatorKind.INFERENCE);
      stages.add(new StageStatus(stage.id(), stream, shards, deadLetters.getOrDefault(stage.id(), 0L),
          callsModels ? metrics.figure(RunnelMetrics.MODEL_CALLS, stage.id()) : null,
          metrics.figure(RunnelMetrics.COST_ESTIMATE_USD, stage.id())));
    }
    return new JobStatus(target.plan().job(), target.description(), now.toString(), metrics.period, stages);
  }

  private ShardStatus shard(StageSpec stage, String stream, Shard shard, DynamoDbCheckpointStore checkpoints,
      Instant now) {
    boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
    if (checkpoints == null) {
      return new ShardStatus(shard.shardId(), closed, null, null, false, null, null, null, "at least once: the event "
          + "source mapping keeps the position, not the job");
    }
    Checkpoint checkpoint = checkpoints.load(stage.id(), shard.shardId()).orElse(null);
    String position = checkpoint == null ? null : checkpoint.position();
    Long watermark = checkpoint == null || checkpoint.time() == null
        || checkpoint.time().watermark() == ShardTime.NONE ? null : checkpoint.time().watermark();
    String note = position == null && stage.batching().parallelizationFactor() > 1
        ? "parallel lanes commit no position" : null;
    KinesisClient kinesis = target.kinesis();
    // on an aggregated stream a position is a sub-record's; Kinesis knows its aggregate's sequence number
    String sequenceNumber = position == null
        || !target.plan().stream(stream).map(StreamSpec::aggregated).orElse(false) ? position
        : SubRecordPosition.sequenceNumber(position);
    Long committedAge = null;
    if (position != null) {
      GetRecordsResponse at = readOne(kinesis, stream, shard.shardId(), ShardIteratorType.AT_SEQUENCE_NUMBER,
          sequenceNumber);
      if (at != null && !at.records().isEmpty()) {
        committedAge = age(at.records().get(0), now);
      }
    }
    GetRecordsResponse after = readOne(kinesis, stream, shard.shardId(), position == null
        ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber);
    if (after == null) {
      return new ShardStatus(shard.shardId(), closed, position, committedAge, false, null, null, watermark,
          "the records after the committed position cannot be read (trimmed?)");
    }
    Record next = after.records().isEmpty() ? null : after.records().get(0);
    boolean caughtUp = next == null && (after.millisBehindLatest() == null || after.millisBehindLatest() == 0);
    return new ShardStatus(shard.shardId(), closed, position, committedAge, caughtUp, after.millisBehindLatest(),
        next == null ? null : age(next, now), watermark, note);
  }

  private List<Shard> shards(String stream) {
    return StreamShardList.of(target.kinesis(), stream);
  }

  /** One record from ({@code type}, {@code position}) on the shard, or null when the shard refuses the iterator. */
  private static GetRecordsResponse readOne(KinesisClient kinesis, String stream, String shard, ShardIteratorType type,
      String position) {
    try {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard).shardIteratorType(type)
          .startingSequenceNumber(position)).shardIterator();
      return kinesis.getRecords(b -> b.shardIterator(iterator).limit(1));
    } catch (KinesisException e) {
      return null;
    }
  }

  private static long age(Record record, Instant now) {
    return Math.max(0, now.toEpochMilli() - record.approximateArrivalTimestamp().toEpochMilli());
  }

  /** The per-stage sums of the target's metrics, all read at once when the first is asked, or why there are none. */
  private static final class Metrics {
    private static final List<String> READ = List.of(RunnelMetrics.MODEL_CALLS, RunnelMetrics.COST_ESTIMATE_USD);

    private final JobMetrics source;
    private final String unavailable;
    private final String period;
    private final Map<String, Object> sums = new java.util.HashMap<>();

    private Metrics(JobMetrics source, String unavailable, String period) {
      this.source = source;
      this.unavailable = unavailable;
      this.period = period;
    }

    static Metrics read(JobTarget target) {
      return target.metrics().map(m -> new Metrics(m, null, m.period()))
          .orElseGet(() -> new Metrics(null, target.metricsUnavailable(), null));
    }

    StageFigure figure(String metric, String stage) {
      if (source == null) {
        return StageFigure.missing(unavailable);
      }
      if (sums.isEmpty()) {
        try {
          sums.putAll(source.sumsPerStage(READ));
        } catch (RuntimeException e) {
          String failure = "CloudWatch cannot be read (" + e.getMessage() + "); your credentials need "
              + "cloudwatch:ListMetrics and GetMetricData";
          READ.forEach(name -> sums.put(name, failure));
        }
      }
      Object read = sums.get(metric);
      if (read instanceof String failure) {
        return StageFigure.missing(failure);
      }
      Double sum = ((Map<?, ?>) read).get(stage) instanceof Double value ? value : null;
      return sum == null ? StageFigure.missing("no " + metric + " published " + period) : StageFigure.of(sum);
    }
  }
}
