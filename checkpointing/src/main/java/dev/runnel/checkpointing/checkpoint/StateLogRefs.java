package dev.runnel.checkpointing.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a shard's committed keyed state is made of in the state log (docs/state-log.md): a snapshot, then the entries
 * committed after it, oldest first. Items the checkpoint does not name are garbage.
 *
 * @param snapshot the snapshot, or null before the first compaction (the state is then the entries alone)
 * @param log      the entries after the snapshot, oldest first
 */
public record StateLogRefs(Logged snapshot, List<Logged> log) {

  /** No state yet. */
  public static final StateLogRefs EMPTY = new StateLogRefs(null, List.of());

  /**
   * The items one attempt wrote for one commit.
   *
   * @param revision the revision of the checkpoint commit that named them first
   * @param attempt  the writing attempt's id
   * @param parts    how many parts
   * @param bytes    their size in all, which decides when to compact
   */
  public record Logged(long revision, String attempt, int parts, long bytes) {
    /** Checks the parts. */
    public Logged {
      Objects.requireNonNull(attempt, "attempt");
      if (revision < 1 || parts < 1 || bytes < 0) {
        throw new IllegalArgumentException("logged items need revision >= 1, parts >= 1, bytes >= 0: " + revision
            + ", " + parts + ", " + bytes);
      }
    }
  }

  /** Copies the log. */
  public StateLogRefs {
    log = List.copyOf(Objects.requireNonNull(log, "log"));
  }

  /** These refs with {@code entry} appended. */
  public StateLogRefs append(Logged entry) {
    var entries = new ArrayList<>(log);
    entries.add(Objects.requireNonNull(entry, "entry"));
    return new StateLogRefs(snapshot, entries);
  }

  /** The bytes of the log's entries, which compaction compares with the snapshot's. */
  public long logBytes() {
    return log.stream().mapToLong(Logged::bytes).sum();
  }
}
