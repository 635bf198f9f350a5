package dev.runnel.checkpointing.sourceid;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Id segments in a map, for tests; same contract as the DynamoDB store. */
public final class InMemoryIdSegmentStore implements IdSegmentStore {
  private final ConcurrentMap<String, IdSegment> segments = new ConcurrentHashMap<>();
  private final IdSegmentCounters counters = new IdSegmentCounters();

  @Override
  public void write(IdSegment segment) {
    segments.put(DynamoDbIdSegmentStore.itemKey(segment.stage(), segment.shardId(), segment.to()), segment);
    counters.recordWrite(1);
  }

  @Override
  public Optional<IdSegment> read(String stage, String shardId, String to) {
    counters.recordRead();
    return Optional.ofNullable(segments.get(DynamoDbIdSegmentStore.itemKey(stage, shardId, to)));
  }

  @Override
  public IdSegmentCounters counters() {
    return counters;
  }

  /** How many segments are stored. */
  public int size() {
    return segments.size();
  }
}
