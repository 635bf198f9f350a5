package dev.runnel.functions.exactlyonce;

import dev.runnel.functions.broadcast.BroadcastKeys;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.ShardIdentities;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.HashMap;
import java.util.Map;

/**
 * A shard's committed keyed state in a stage whose state is a state log (docs/state-log.md): every key's decoded
 * state and the shard's dedup memory. Batches work on copies ({@link #working}); only {@link #apply}, called once the
 * checkpoint naming the changes is committed, changes it.
 */
final class ShardState {
  private final Map<String, CommittedKeyState> keys = new HashMap<>();
  private AppliedIdentities identities = AppliedIdentities.EMPTY;
  /** What is due when (window ends, timers), by domain, time and key: docs/state-log.md has no timer index. */
  private final TreeSet<TimerEntry> timers = new TreeSet<>(ORDER);
  private static final Comparator<TimerEntry> ORDER = Comparator.comparing(TimerEntry::domain)
      .thenComparingLong(TimerEntry::time).thenComparing(TimerEntry::key);

  /** Working copies of {@code wanted} (a key without state starts empty). */
  Map<String, KeyState> working(Collection<String> wanted) {
    Map<String, KeyState> copies = new HashMap<>();
    for (String key : wanted) {
      CommittedKeyState committed = keys.get(key);
      copies.put(key, committed == null ? KeyState.empty(key) : committed.workingCopy());
    }
    return copies;
  }

  /** The committed dedup memory of the shard. */
  AppliedIdentities identities() {
    return identities;
  }

  /** Every key's committed state, for a snapshot. */
  Collection<CommittedKeyState> keys() {
    return keys.values();
  }

  /** True when {@code key} has state. */
  boolean has(String key) {
    return keys.containsKey(key);
  }

  /** How many keys have state. */
  int size() {
    return keys.size();
  }

  /**
   * The state a child shard adopts from its drained parents (docs/state-log.md, "Resharding"): the keys {@code holds}
   * keeps (those whose hash key falls in the child's range) with their windows and timers, and the parents' dedup
   * memories merged (per producer the higher watermark and the identities above it).
   */
  static ShardState adopted(List<ShardState> parents, Predicate<String> holds) {
    ShardState child = new ShardState();
    for (ShardState parent : parents) {
      parent.keys.forEach((key, state) -> {
        if (BroadcastKeys.isBroadcastKey(key)) {
          // the shard's broadcast state is no key's: every child starts from it; after a merge, from the first
          // parent's (docs/broadcast.md, "Resharding")
          child.keys.putIfAbsent(key, state);
        } else if (holds.test(key)) {
          child.keys.put(key, state);
        }
      });
      parent.timers.stream().filter(entry -> holds.test(entry.key())).forEach(child.timers::add);
      child.identities = ShardIdentities.union(child.identities, parent.identities);
    }
    return child;
  }

  /** Every entry of the timer queue, for a snapshot. */
  List<TimerEntry> timers() {
    return List.copyOf(timers);
  }

  /**
   * The timer queue entries due at {@code watermark} (event time) and {@code processingTime}, in time order per
   * domain (NONE: none of that domain).
   */
  List<TimerEntry> due(long watermark, long processingTime) {
    List<TimerEntry> due = new ArrayList<>();
    dueRanges(watermark, processingTime).forEach(due::addAll);
    return due;
  }

  /** The views of the timer queue holding what {@link #due} lists, event time first. */
  private List<NavigableSet<TimerEntry>> dueRanges(long watermark, long processingTime) {
    List<NavigableSet<TimerEntry>> ranges = new ArrayList<>(2);
    if (watermark != ShardTime.NONE) {
      ranges.add(timers.subSet(new TimerEntry(TimerEntry.Domain.EVENT_TIME, Long.MIN_VALUE, ""), true,
          watermark == Long.MAX_VALUE ? new TimerEntry(TimerEntry.Domain.PROCESSING_TIME, Long.MIN_VALUE, "")
              : new TimerEntry(TimerEntry.Domain.EVENT_TIME, watermark + 1, ""), false));
    }
    if (processingTime != ShardTime.NONE) {
      TimerEntry first = new TimerEntry(TimerEntry.Domain.PROCESSING_TIME, Long.MIN_VALUE, "");
      ranges.add(processingTime == Long.MAX_VALUE ? timers.tailSet(first, true) : timers.subSet(first, true,
          new TimerEntry(TimerEntry.Domain.PROCESSING_TIME, processingTime + 1, ""), false));
    }
    return ranges;
  }

  /** Applies what a commit changed (a log entry, or a snapshot over an empty state). */
  void apply(ShardChanges changes) {
    if (changes.firedThrough() != null) {
      // clearing the views: removeAll with a list would scan the list once per queue entry
      dueRanges(changes.firedThrough().watermark(), changes.firedThrough().processingTime()).forEach(Set::clear);
    }
    timers.addAll(changes.registered());
    for (ShardChanges.KeyChange change : changes.keys()) {
      if (change.state() == null) {
        keys.remove(change.key());
      } else {
        keys.put(change.key(), change.state());
      }
    }
    if (changes.identities() != null) {
      identities = ShardIdentities.merged(identities, changes.identities());
    }
  }
}
