package dev.runnel.statestore.timers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The timer index in memory, for tests and the local runner: same contract, checks and order as the DynamoDB index,
 * and the same request count (one per 25 distinct entries added or removed, one per {@code due}).
 */
public final class InMemoryTimerIndex implements TimerIndex {
  private final ConcurrentMap<String, NavigableSet<TimerEntry>> partitions = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();

  @Override
  public void add(String stage, String shardId, Collection<TimerEntry> entries) {
    List<TimerEntry> distinct = TimerKeys.distinct(stage, shardId, entries);
    for (TimerEntry entry : distinct) {
      partitions.computeIfAbsent(TimerKeys.partitionKey(stage, shardId, entry.domain()),
          pk -> new ConcurrentSkipListSet<>(TimerKeys.ORDER)).add(entry);
    }
    requests.add(TimerKeys.batches(distinct.size()));
  }

  @Override
  public List<TimerEntry> due(String stage, String shardId, TimerEntry.Domain domain, long upTo) {
    String pk = TimerKeys.partitionKey(stage, shardId, domain);
    requests.increment();
    NavigableSet<TimerEntry> entries = partitions.get(pk);
    if (entries == null) {
      return List.of();
    }
    List<TimerEntry> due = new ArrayList<>();
    for (TimerEntry entry : entries) {
      if (entry.time() > upTo) {
        break;
      }
      due.add(entry);
    }
    return due;
  }

  @Override
  public void remove(String stage, String shardId, Collection<TimerEntry> entries) {
    List<TimerEntry> distinct = TimerKeys.distinct(stage, shardId, entries);
    for (TimerEntry entry : distinct) {
      NavigableSet<TimerEntry> partition = partitions.get(TimerKeys.partitionKey(stage, shardId, entry.domain()));
      if (partition != null) {
        partition.remove(entry);
      }
    }
    requests.add(TimerKeys.batches(distinct.size()));
  }

  @Override
  public long requests() {
    return requests.sum();
  }
}
