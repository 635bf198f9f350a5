package dev.runnel.statestore.timers;

import java.util.Collection;
import java.util.List;

/**
 * The index of what is due per (stage, shard) of a stage with windows or timers ({@code <job>-timers}), so that a
 * firing round finds the keys it must load without scanning the state table. Entries are written before the key
 * state that holds the timer (so none is ever missing) and deleted after the round that fired them; an entry whose
 * key no longer holds anything due is a harmless leftover (docs/time.md).
 */
public interface TimerIndex {
  /** Adds entries (idempotent), batched; throttling is retried. */
  void add(String stage, String shardId, Collection<TimerEntry> entries);

  /** The entries of {@code domain} due at or before {@code upTo}, ordered by time then key, read strongly consistently. */
  List<TimerEntry> due(String stage, String shardId, TimerEntry.Domain domain, long upTo);

  /** Removes entries (idempotent), batched. */
  void remove(String stage, String shardId, Collection<TimerEntry> entries);

  /** How many requests this index has made. */
  long requests();
}
