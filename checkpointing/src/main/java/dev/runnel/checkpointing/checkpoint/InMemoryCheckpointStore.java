package dev.runnel.checkpointing.checkpoint;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Checkpoints in a map, for tests and the local runner; same contract and counters as the DynamoDB store. */
public final class InMemoryCheckpointStore implements CheckpointStore {
  private final ConcurrentMap<String, String> positions = new ConcurrentHashMap<>();
  private final CheckpointCounters counters = new CheckpointCounters();

  @Override
  public Optional<Checkpoint> load(String stage, String shardId) {
    String position = positions.get(Checkpoint.itemKey(stage, shardId));
    counters.recordRequest(CheckpointCounters.Request.LOAD, 1, 0);
    return Optional.ofNullable(position).map(p -> new Checkpoint(stage, shardId, p));
  }

  @Override
  public boolean commit(String stage, String shardId, String expectedPosition, String newPosition) {
    Checkpoint.requireAdvance(expectedPosition, newPosition);
    String key = Checkpoint.itemKey(stage, shardId);
    boolean won = expectedPosition == null
        ? positions.putIfAbsent(key, newPosition) == null
        : positions.replace(key, expectedPosition, newPosition);
    counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, 1);
    if (!won) {
      counters.recordConflict();
    }
    return won;
  }

  @Override
  public CheckpointCounters counters() {
    return counters;
  }
}
