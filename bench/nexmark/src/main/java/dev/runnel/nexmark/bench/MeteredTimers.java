package dev.runnel.nexmark.bench;

import dev.runnel.statestore.timers.TimerEntry;
import dev.runnel.statestore.timers.TimerIndex;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * A timer index that meters what the DynamoDB one would be asked: BatchWriteItem for adds and removes, a Query per
 * look-up of due entries, each entry's size its partition and sort key.
 */
final class MeteredTimers implements TimerIndex {
  private final TimerIndex index;
  private final TableMeter meter;

  MeteredTimers(TimerIndex index, TableMeter meter) {
    this.index = index;
    this.meter = meter;
  }

  @Override
  public void add(String stage, String shardId, Collection<TimerEntry> entries) {
    index.add(stage, shardId, entries);
    meter.batchWrite(entries.size());
  }

  @Override
  public List<TimerEntry> due(String stage, String shardId, TimerEntry.Domain domain, long upTo) {
    List<TimerEntry> due = index.due(stage, shardId, domain, upTo);
    long partitionKey = (stage + "|" + shardId + "|e").length();
    meter.read(due.stream().mapToLong(e -> partitionKey + 20 + e.key().getBytes(StandardCharsets.UTF_8).length)
        .sum());
    return due;
  }

  @Override
  public void remove(String stage, String shardId, Collection<TimerEntry> entries) {
    index.remove(stage, shardId, entries);
    meter.batchWrite(entries.size());
  }

  @Override
  public long requests() {
    return index.requests();
  }
}
