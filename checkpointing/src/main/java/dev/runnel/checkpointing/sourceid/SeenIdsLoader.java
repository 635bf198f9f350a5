package dev.runnel.checkpointing.sourceid;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the id memory of a shard from its committed segments: from the segment ending at the checkpoint, back
 * along {@code from} until the segments are older than the window or hold the memory's capacity. A chain that reaches
 * the shard's first batch goes on into its parent shards (a split has one, a merge two), from their checkpoints:
 * a parent is drained before its children are read, so its ids come before all of the child's records.
 */
public final class SeenIdsLoader {
  private static final Logger LOG = LoggerFactory.getLogger(SeenIdsLoader.class);
  /** Generations of parents followed: resharding twice within one window is already rare. */
  private static final int MAX_GENERATIONS = 4;

  private final IdSegmentStore segments;
  private final CheckpointStore checkpoints;
  private final Function<String, Set<String>> parents;
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

  /**
   * A loader reading {@code segments}, and for parent shards their {@code checkpoints}.
   *
   * @param parents the parent shards of a shard of the source stream (empty when it has none or they are unknown)
   */
  public SeenIdsLoader(IdSegmentStore segments, CheckpointStore checkpoints, Function<String, Set<String>> parents) {
    this.segments = segments;
    this.checkpoints = checkpoints;
    this.parents = parents;
  }

  /** The reads (segments, and checkpoints of parent shards) made by every rebuild so far. */
  public long requests() {
    return requests.get();
  }

  /** The memory of ({@code stage}, {@code shardId}) at checkpoint {@code committed} (null: none yet). */
  public SeenIds load(String stage, String shardId, String committed, long windowMillis) {
    Walk walk = new Walk(stage, new SeenIds(windowMillis).capacity(), windowMillis);
    walk.shard(shardId, committed, 0);
    List<SeenId> oldestFirst = new ArrayList<>();
    List<IdSegment> read = walk.newestFirst;
    Collections.reverse(read);
    read.forEach(segment -> oldestFirst.addAll(segment.firstCopies()));
    LOG.debug("stage {} shard {}: rebuilt {} ids from {} segments", stage, shardId, oldestFirst.size(), read.size());
    return SeenIds.rebuilt(windowMillis, walk.capacity, oldestFirst, committed);
  }

  private final class Walk {
    private final String stage;
    private final int capacity;
    private final long windowMillis;
    private final List<IdSegment> newestFirst = new ArrayList<>();
    private long reference = Long.MIN_VALUE;
    private int ids;

    Walk(String stage, int capacity, long windowMillis) {
      this.stage = stage;
      this.capacity = capacity;
      this.windowMillis = windowMillis;
    }

    /** Reads the chain of {@code shardId} back from {@code position}, then its parents' if it reaches the start. */
    void shard(String shardId, String position, int generation) {
      String at = position;
      while (at != null) {
        requests.incrementAndGet();
        IdSegment segment = segments.read(stage, shardId, at).orElse(null);
        if (segment == null) {
          return; // committed before the source had an id field, or expired: nothing older is needed or kept
        }
        if (reference == Long.MIN_VALUE) {
          reference = segment.newestArrival();
        }
        if (segment.newestArrival() < reference - windowMillis - SeenIds.SLACK_MILLIS) {
          return;
        }
        newestFirst.add(segment);
        ids += segment.firstCopies().size();
        if (ids >= capacity) {
          return;
        }
        at = segment.from();
      }
      if (generation >= MAX_GENERATIONS) {
        return;
      }
      for (String parent : parents.apply(shardId)) {
        requests.incrementAndGet();
        Checkpoint drained = checkpoints.load(stage, parent).orElse(null);
        if (drained != null && drained.position() != null && ids < capacity) {
          shard(parent, drained.position(), generation + 1);
        }
      }
    }
  }
}
