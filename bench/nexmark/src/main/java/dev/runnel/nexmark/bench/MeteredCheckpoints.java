package dev.runnel.nexmark.bench;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointCounters;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A checkpoint store that meters what the DynamoDB one would be asked: a strongly consistent GetItem per load, a
 * conditional write per commit, item sizes estimated from the checkpoint's text (its field names and values).
 */
final class MeteredCheckpoints implements CheckpointStore {
  private final CheckpointStore store;
  private final TableMeter meter;

  MeteredCheckpoints(CheckpointStore store, TableMeter meter) {
    this.store = store;
    this.meter = meter;
  }

  @Override
  public Optional<Checkpoint> load(String stage, String shardId) {
    Optional<Checkpoint> loaded = store.load(stage, shardId);
    meter.read(loaded.map(MeteredCheckpoints::size).orElse(0L));
    return loaded;
  }

  @Override
  public boolean commit(String stage, String shardId, String expectedPosition, String newPosition) {
    Optional<Checkpoint> before = store.load(stage, shardId);
    boolean won = store.commit(stage, shardId, expectedPosition, newPosition);
    meter.write(Math.max(before.map(MeteredCheckpoints::size).orElse(0L),
        store.load(stage, shardId).map(MeteredCheckpoints::size).orElse(0L)));
    return won;
  }

  @Override
  public boolean commit(Checkpoint expected, Checkpoint next) {
    boolean won = store.commit(expected, next);
    meter.write(Math.max(expected == null ? 0 : size(expected), size(next)));
    return won;
  }

  @Override
  public CheckpointCounters counters() {
    return store.counters();
  }

  private static long size(Checkpoint checkpoint) {
    return checkpoint.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
