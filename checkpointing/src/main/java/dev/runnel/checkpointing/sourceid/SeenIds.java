package dev.runnel.checkpointing.sourceid;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The producer ids one shard of a source stage has seen, for deciding which records are later copies. A record is a
 * copy when an earlier record of the shard (or of its parent shards) has the same id hash and arrived at most the
 * window before it; the first copy is applied, the later ones are dropped. The decision depends only on the records
 * before it in the shard, so every attempt at a batch, however split, decides alike.
 *
 * <p>Each id is remembered with the arrival time of its first copy and, while its batch may not be committed yet,
 * its exact position: a retried batch then finds its own records at their own positions and never mistakes a record
 * for a copy of itself. Ids remembered from committed segments come before every record still to come. The memory
 * forgets ids older than the window (plus {@link #SLACK_MILLIS}) and holds at most {@code capacity} ids, oldest
 * forgotten first. Not thread-safe: one stage instance handles one batch at a time.
 */
public final class SeenIds {
  /** Kinesis does not promise rising arrival times: ids are forgotten this long after the window says. */
  public static final long SLACK_MILLIS = 60_000;
  /** A Kinesis shard takes at most this many records a second, so the count bound never cuts a window short. */
  public static final int IDS_PER_SECOND = 1_000;

  private final long windowMillis;
  private final int capacity;
  /** Hash to arrival time of the first copy, in the order first copies were seen. */
  private final LinkedHashMap<Long, Long> firstSeen = new LinkedHashMap<>();
  /** Exact positions of first copies whose batch may not be committed yet. */
  private final Map<Long, BigInteger> unsure = new HashMap<>();
  /** Every first copy at or before this position is remembered; null before the shard's first batch. */
  private BigInteger covered;
  private long newest = Long.MIN_VALUE;

  /** An empty memory with the default capacity: the window at a shard's full write rate. */
  public SeenIds(long windowMillis) {
    this(windowMillis, (int) Math.min(Integer.MAX_VALUE, Math.max(IDS_PER_SECOND,
        (windowMillis / 1000) * IDS_PER_SECOND)));
  }

  /** An empty memory holding at most {@code capacity} ids. */
  public SeenIds(long windowMillis, int capacity) {
    if (windowMillis <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("a window and a capacity are positive");
    }
    this.windowMillis = windowMillis;
    this.capacity = capacity;
  }

  /**
   * The memory of a shard whose checkpoint is {@code committed} (null: none), rebuilt from the first copies of its
   * committed segments, oldest first.
   */
  public static SeenIds rebuilt(long windowMillis, int capacity, List<SeenId> oldestFirst, String committed) {
    SeenIds ids = new SeenIds(windowMillis, capacity);
    for (SeenId id : oldestFirst) {
      ids.firstSeen.remove(id.hash());
      ids.firstSeen.put(id.hash(), id.arrivalMillis());
      ids.newest = Math.max(ids.newest, id.arrivalMillis());
    }
    ids.covered = committed == null ? null : new BigInteger(committed);
    ids.forgetOld();
    return ids;
  }

  /** The window, in milliseconds of arrival time. */
  public long windowMillis() {
    return windowMillis;
  }

  /** The most ids remembered. */
  public int capacity() {
    return capacity;
  }

  /** How many ids are remembered. */
  public int size() {
    return firstSeen.size();
  }

  /**
   * True when this memory can decide the records after checkpoint {@code committed} (null: none): it remembers every
   * first copy up to there. Ids remembered beyond it (a batch that wrote its segment but did not commit) are exact
   * facts about the shard, kept with their positions, so a memory that covers more is still right.
   */
  public boolean covers(String committed) {
    return committed == null || covered != null && covered.compareTo(new BigInteger(committed)) >= 0;
  }

  /** The shard is committed up to {@code committed}: positions at or before it come before every record to come. */
  public void committed(String committed) {
    if (committed == null || unsure.isEmpty()) {
      return;
    }
    BigInteger position = new BigInteger(committed);
    unsure.values().removeIf(p -> p.compareTo(position) <= 0);
  }

  /** Starts deciding the records of a batch, in shard order. */
  public Batch batch() {
    return new Batch();
  }

  private void forgetOld() {
    long horizon = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - windowMillis - SLACK_MILLIS;
    Iterator<Map.Entry<Long, Long>> oldest = firstSeen.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<Long, Long> entry = oldest.next();
      if (firstSeen.size() <= capacity && entry.getValue() >= horizon) {
        return;
      }
      unsure.remove(entry.getKey());
      oldest.remove();
    }
  }

  /** The decisions of one batch; {@link #keep(String)} adds its first copies to the memory once they are stored. */
  public final class Batch {
    private final LinkedHashMap<Long, Seen> added = new LinkedHashMap<>();
    private long newestArrival = Long.MIN_VALUE;

    private Batch() {}

    /**
     * Decides one record (the next in shard order): true when it is a later copy of an id seen before it within the
     * window; otherwise it is remembered as the first copy of its id.
     */
    public boolean isCopy(long hash, String sequenceNumber, long arrivalMillis) {
      BigInteger position = new BigInteger(sequenceNumber);
      newestArrival = Math.max(newestArrival, arrivalMillis);
      Seen first = added.get(hash);
      if (first == null && firstSeen.containsKey(hash)) {
        first = new Seen(unsure.get(hash), firstSeen.get(hash));
      }
      if (first != null && (first.position == null || first.position.compareTo(position) < 0)
          && arrivalMillis - first.arrivalMillis <= windowMillis) {
        return true;
      }
      added.remove(hash);
      added.put(hash, new Seen(position, arrivalMillis));
      return false;
    }

    /** Notes a record that has no id: it moves the batch's newest arrival only. */
    public void withoutId(long arrivalMillis) {
      newestArrival = Math.max(newestArrival, arrivalMillis);
    }

    /** The first copies this batch decided, in shard order. */
    public List<SeenId> firstCopies() {
      List<SeenId> ids = new ArrayList<>(added.size());
      added.forEach((hash, seen) -> ids.add(new SeenId(hash, seen.arrivalMillis)));
      return ids;
    }

    /** The latest arrival time among the batch's records. */
    public long newestArrival() {
      return newestArrival;
    }

    /** Adds the batch's first copies to the memory, now that its segment up to {@code to} is stored. */
    public void keep(String to) {
      added.forEach((hash, seen) -> {
        firstSeen.remove(hash);
        firstSeen.put(hash, seen.arrivalMillis);
        unsure.put(hash, seen.position);
      });
      newest = Math.max(newest, newestArrival);
      BigInteger end = new BigInteger(to);
      covered = covered == null || covered.compareTo(end) < 0 ? end : covered;
      forgetOld();
    }
  }

  /** A first copy: its position (null: before every record still to come) and arrival. */
  private record Seen(BigInteger position, long arrivalMillis) {}
}
