package dev.runnel.checkpointing.checkpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checkpoints in a map, for tests and the local runner; same contract and counters as the DynamoDB store. Each entry
 * is the whole checkpoint (position, time, revision, state log), replaced atomically; a commit by position keeps
 * the time, failures and state log, as the DynamoDB store's UpdateItem does.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
  private final ConcurrentMap<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
  private final CheckpointCounters counters = new CheckpointCounters();

  @Override
  public Optional<Checkpoint> load(String stage, String shardId) {
    Checkpoint stored = checkpoints.get(Checkpoint.itemKey(stage, shardId));
    counters.recordRequest(CheckpointCounters.Request.LOAD, 1, 0);
    return Optional.ofNullable(stored);
  }

  @Override
  public boolean commit(String stage, String shardId, String expectedPosition, String newPosition) {
    Checkpoint.requireAdvance(expectedPosition, newPosition);
    String key = Checkpoint.itemKey(stage, shardId);
    boolean[] won = new boolean[1];
    checkpoints.compute(key, (k, stored) -> {
      String storedPosition = stored == null ? null : stored.position();
      if (!Objects.equals(storedPosition, expectedPosition)) {
        return stored;
      }
      won[0] = true;
      return stored == null
          ? new Checkpoint(stage, shardId, newPosition, null, 1)
          : new Checkpoint(stage, shardId, newPosition, stored.time(), stored.revision() + 1,
              stored.failures(), stored.stateLog());
    });
    return counted(won[0]);
  }

  @Override
  public boolean commit(Checkpoint expected, Checkpoint next) {
    Checkpoint.requireNext(expected, next);
    boolean[] won = new boolean[1];
    checkpoints.compute(Checkpoint.itemKey(next.stage(), next.shardId()), (k, stored) -> {
      boolean matches = expected == null
          ? stored == null
          : stored != null && stored.revision() == expected.revision()
              && Objects.equals(stored.position(), expected.position());
      if (!matches) {
        return stored;
      }
      won[0] = true;
      return next;
    });
    return counted(won[0]);
  }

  @Override
  public CheckpointCounters counters() {
    return counters;
  }

  private boolean counted(boolean won) {
    counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, 1);
    if (!won) {
      counters.recordConflict();
    }
    return won;
  }
}
