package dev.runnel.faults.run;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.DynamoDbProgressStore;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.functions.time.KinesisStreamShards;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.Watermarks;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.functions.aggregate.SubRecordPosition;
import dev.runnel.plan.StreamSpec;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Waits until a running job has settled on the input fed so far (see {@link InputWaves}): stage by stage in plan
 * order, every shard of its input stream is committed up to the shard's last record (watermark markers included);
 * then every stage with windows or timers has, on every shard, no pending firing round and a committed watermark at
 * least the one its upstream shards announced to it (computed as the runtime does, {@link Watermarks#upstream}) and
 * at least the wave's required watermark.
 * Reads the emulators directly, as an observer; it never writes.
 */
final class WaveBarrier {
  /** How long what the job has not settled on may stay the same before the wait fails. */
  private static final Duration STALL = Duration.ofSeconds(90);
  /** How long the wait may take at most, however the job moves. */
  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final long POLL_MILLIS = 100;

  private final Plan plan;
  private final KinesisClient kinesis;
  private final CheckpointStore checkpoints;
  private final ProgressStore progress;
  private final StreamShards lineage;
  private final Map<String, Watermarks> watermarks = new HashMap<>();
  private final Map<String, String> lastSequence = new HashMap<>();

  WaveBarrier(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb) {
    this.plan = plan;
    this.kinesis = kinesis;
    this.checkpoints = new DynamoDbCheckpointStore(dynamoDb, plan.tables(TableRole.CHECKPOINT).get(0).name());
    this.progress = new DynamoDbProgressStore(dynamoDb, plan.tables(TableRole.PROGRESS).get(0).name());
    this.lineage = new KinesisStreamShards(kinesis, Clock.systemUTC());
  }

  /** True for a plan the barrier can watch: one with checkpoints and a progress table. */
  static boolean applies(Plan plan) {
    return !plan.tables(TableRole.CHECKPOINT).isEmpty() && !plan.tables(TableRole.PROGRESS).isEmpty();
  }

  /**
   * Returns once the job has settled, with the lowest watermark the windowed stages settled at.
   *
   * @param label          the wave just fed, for messages
   * @param settledAtLeast the watermark the windowed stages must reach, or {@link InputWaves#ANY}
   * @throws IllegalStateException if what the job has not settled on stayed the same for 90 s, or after 10 minutes
   *                               (a loaded machine only makes the wait longer while the job moves on)
   */
  long await(String label, long settledAtLeast) {
    long started = System.nanoTime();
    long lastChange = started;
    String lastBusy = null;
    while (true) {
      Optional<String> busy;
      long[] settled = {Long.MAX_VALUE};
      try {
        busy = check(settledAtLeast, settled);
      } catch (RuntimeException e) {
        busy = Optional.of("cannot read the emulators: " + e);
      }
      if (busy.isEmpty()) {
        return settled[0];
      }
      if (!busy.get().equals(lastBusy)) {
        lastBusy = busy.get();
        lastChange = System.nanoTime();
      }
      if (System.nanoTime() - lastChange > STALL.toNanos() || System.nanoTime() - started > LIMIT.toNanos()) {
        throw new IllegalStateException("the job did not settle on " + label + " (waited "
            + (System.nanoTime() - started) / 1_000_000_000 + " s, the last " + (System.nanoTime() - lastChange)
            / 1_000_000_000 + " s without change): "
            + busy.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the job to settle on " + label, e);
      }
    }
  }

  /** What is not settled yet, or empty; {@code settled[0]} gets the lowest watermark of the windowed stages. */
  private Optional<String> check(long settledAtLeast, long[] settled) {
    for (StageSpec stage : plan.stages()) {
      for (String shard : shards(stage.input().stream())) {
        String last = last(stage.input().stream(), shard);
        if (last == null) {
          continue;
        }
        Checkpoint checkpoint = checkpoints.load(stage.id(), shard).orElse(null);
        // on an aggregated stream a position is a sub-record's: its aggregate's sequence number x 10^4 + its index
        boolean aggregated = plan.stream(stage.input().stream()).map(StreamSpec::aggregated).orElse(false);
        if (checkpoint == null || checkpoint.position() == null
            || new BigInteger(aggregated ? SubRecordPosition.sequenceNumber(checkpoint.position())
                : checkpoint.position()).compareTo(new BigInteger(last)) < 0) {
          return Optional.of(stage.id() + " on " + shard + " is committed at "
              + (checkpoint == null ? "nothing" : checkpoint.position()) + ", before its last record " + last);
        }
      }
    }
    for (StageSpec stage : plan.stages()) {
      if (stage.time() == null || stage.time().readsSource()) {
        continue;
      }
      Watermarks watermarks = watermarks(stage);
      for (String shard : shards(stage.input().stream())) {
        ShardTime time = checkpoints.load(stage.id(), shard).map(Checkpoint::time).orElse(null);
        if (time == null || time.hasPendingRound()) {
          return Optional.of(stage.id() + " on " + shard + " is at " + time + ", a round pending");
        }
        long target = watermarks.upstream(ShardTime.NONE, System.currentTimeMillis(), time.upstream());
        if (time.watermark() < target) {
          return Optional.of(stage.id() + " on " + shard + " is at watermark " + time.watermark()
              + ", not yet at the " + target + " its upstream shards announced to it");
        }
        if (time.watermark() < settledAtLeast) {
          return Optional.of(stage.id() + " on " + shard + " settled at watermark " + time.watermark()
              + " (its upstream shards announced " + time.upstream() + "), below the wave's required "
              + settledAtLeast);
        }
        settled[0] = Math.min(settled[0], time.watermark());
      }
    }
    return Optional.empty();
  }

  /** The watermarks of {@code stage}, computed as the runtime does (StageHandler). */
  private Watermarks watermarks(StageSpec stage) {
    return watermarks.computeIfAbsent(stage.id(), id -> {
      Map<String, Long> idleAfter = new HashMap<>();
      Map<String, String> streams = new HashMap<>();
      Map<String, Integer> planned = new HashMap<>();
      for (String upstream : stage.time().upstreamStages()) {
        StageSpec upstreamStage = plan.stage(upstream).orElseThrow();
        EventTimeSpec source = upstreamStage.input().eventTime();
        idleAfter.put(upstream, source == null ? 0L : source.idleAfterMillis());
        streams.put(upstream, upstreamStage.input().stream());
        plan.stream(upstreamStage.input().stream()).ifPresent(s -> planned.put(upstream, s.shards()));
      }
      return new Watermarks(stage.input().eventTime(), progress, idleAfter, streams, lineage, planned);
    });
  }

  private List<String> shards(String stream) {
    List<String> shards = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListShardsResponse page = next == null ? kinesis.listShards(b -> b.streamName(stream))
          : kinesis.listShards(b -> b.nextToken(next));
      page.shards().forEach(s -> shards.add(s.shardId()));
      token = page.nextToken();
    } while (token != null);
    return shards;
  }

  /** The sequence number of the shard's last record so far, or null for an empty shard. */
  private String last(String stream, String shard) {
    String key = stream + "/" + shard;
    String known = lastSequence.get(key);
    String iterator = kinesis.getShardIterator(b -> {
      b.streamName(stream).shardId(shard);
      if (known == null) {
        b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      } else {
        b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(known);
      }
    }).shardIterator();
    String last = known;
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
      List<Record> records = response.records();
      if (!records.isEmpty()) {
        last = records.get(records.size() - 1).sequenceNumber();
      }
      boolean caughtUp = records.isEmpty()
          && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
      iterator = caughtUp ? null : response.nextShardIterator();
    }
    if (last != null) {
      lastSequence.put(key, last);
    }
    return last;
  }
}
