package dev.runnel.statestore.statelog;

import java.util.Collection;
import java.util.List;

/**
 * Writes, reads and collects the items of shards' state logs (docs/state-log.md). Items are immutable once written:
 * what makes them count is a checkpoint naming them, which this store knows nothing of.
 *
 * <p>The contract, for every implementation:
 * <ul>
 *   <li>{@link #write} is unconditional and idempotent (writing the same parts again changes nothing); when it
 *       returns, every part is stored.</li>
 *   <li>{@link #read} is strongly consistent: it sees every write that returned before it started.</li>
 *   <li>Nothing expires on its own; only {@link #collect} deletes.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface StateLogStore {

  /** The largest part, in bytes (an item holds at most 400 KB with its keys). */
  int MAX_PART_BYTES = 350_000;

  /**
   * Stores {@code parts} (each at most {@link #MAX_PART_BYTES}) as the items of ({@code stage}, {@code shard}) that
   * {@code items} names ({@code items.parts()} must equal {@code parts.size()}).
   */
  void write(String stage, String shard, LogItems items, List<byte[]> parts);

  /**
   * The parts of every one of {@code named}, in the order given, each one's parts in order.
   *
   * @throws IllegalStateException naming the stage, shard and item when a named part is missing
   */
  List<byte[]> read(String stage, String shard, List<LogItems> named);

  /**
   * Deletes every item of ({@code stage}, {@code shard}) whose revision is at most {@code upTo} and that
   * {@code named} does not name, and returns how many it deleted. Safe only once a checkpoint at revision
   * {@code upTo} or later names exactly {@code named}: checkpoints only move forward, so no other item can be named
   * again.
   */
  int collect(String stage, String shard, long upTo, Collection<LogItems> named);

  /** What this store has asked so far. */
  StateLogCounters counters();
}
