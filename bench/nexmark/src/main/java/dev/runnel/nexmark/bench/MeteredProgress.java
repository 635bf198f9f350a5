package dev.runnel.nexmark.bench;

import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A progress table that meters what the DynamoDB one would be asked: an UpdateItem per publish, a Query per read. */
final class MeteredProgress implements ProgressStore {
  private final ProgressStore store;
  private final TableMeter meter;

  MeteredProgress(ProgressStore store, TableMeter meter) {
    this.store = store;
    this.meter = meter;
  }

  @Override
  public void publish(ShardProgress progress) {
    store.publish(progress);
    meter.write(size(progress));
  }

  @Override
  public List<ShardProgress> read(String stage) {
    List<ShardProgress> rows = store.read(stage);
    meter.read(rows.stream().mapToLong(MeteredProgress::size).sum());
    return rows;
  }

  @Override
  public long requests() {
    return store.requests();
  }

  private static long size(ShardProgress row) {
    return row.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
