package dev.runnel.checkpointing.progress;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress table in memory, for tests and the local runner: same contract as the DynamoDB store, one request
 * counted per publish and per read.
 */
public final class InMemoryProgressStore implements ProgressStore {
  private final ConcurrentMap<String, ConcurrentSkipListMap<String, ShardProgress>> stages = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();

  @Override
  public void publish(ShardProgress progress) {
    ProgressKeys.requireValid(progress);
    requests.increment();
    stages.computeIfAbsent(progress.stage(), s -> new ConcurrentSkipListMap<>(ProgressKeys.SHARD_ORDER))
        .merge(progress.shardId(), progress, (stored, published) -> new ShardProgress(stored.stage(),
            stored.shardId(), Math.max(stored.watermark(), published.watermark()),
            Math.max(stored.lastRecordMillis(), published.lastRecordMillis())));
  }

  @Override
  public List<ShardProgress> read(String stage) {
    ProgressKeys.requireValid("stage", stage);
    requests.increment();
    ConcurrentSkipListMap<String, ShardProgress> rows = stages.get(stage);
    return rows == null ? List.of() : List.copyOf(rows.values());
  }

  @Override
  public long requests() {
    return requests.sum();
  }
}
