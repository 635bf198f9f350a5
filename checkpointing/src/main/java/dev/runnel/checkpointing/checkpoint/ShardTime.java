package dev.runnel.checkpointing.checkpoint;

import java.util.Map;

/**
 * The event-time and processing-time progress of one (stage, shard), committed in its checkpoint item together with
 * the position, so that a retried batch or tick recomputes exactly what the first attempt did (docs/time.md).
 * {@link #NONE} ({@code Long.MIN_VALUE}) marks an absent time.
 *
 * @param watermark             the event-time watermark every window and event-time timer of the shard has fired
 *                              through; records with a window ending at or before it (plus lateness) are late
 * @param processingTime        the processing time every processing-time timer has fired through
 * @param pendingWatermark      a firing round pinned by a commit but not yet completed, or NONE: the next attempt
 *                              must fire exactly up to it before applying any later record
 * @param pendingProcessingTime the processing time of the pinned round, or NONE
 * @param maxEventTime          the highest event time seen on the shard (stages reading a source), or NONE
 * @param lastRecordMillis      the processing time of the shard's newest batch with records, or NONE: how idleness
 *                              is judged
 * @param upstream              per upstream producer ({@code stage|shardId}), the highest watermark it announced
 *                              in-band, in a marker this shard has read and committed (docs/time.md)
 */
public record ShardTime(long watermark, long processingTime, long pendingWatermark, long pendingProcessingTime,
    long maxEventTime, long lastRecordMillis, Map<String, Long> upstream) {

  /** An absent time. */
  public static final long NONE = Long.MIN_VALUE;

  /** A shard that has seen and fired nothing. */
  public static final ShardTime START = new ShardTime(NONE, NONE, NONE, NONE, NONE, NONE);

  /** A time with no in-band upstream watermarks. */
  public ShardTime(long watermark, long processingTime, long pendingWatermark, long pendingProcessingTime,
      long maxEventTime, long lastRecordMillis) {
    this(watermark, processingTime, pendingWatermark, pendingProcessingTime, maxEventTime, lastRecordMillis, Map.of());
  }

  public ShardTime {
    upstream = Map.copyOf(upstream);
  }

  /**
   * The time a child shard starts at after a reshard, from its parents' last committed times (null: none): the
   * furthest of them, per part and per upstream producer, so a record late for a parent is late for the child too.
   * No round is pending: a parent's rounds complete before it is handed over.
   */
  public static ShardTime ofParents(java.util.Collection<ShardTime> parents) {
    ShardTime merged = null;
    for (ShardTime parent : parents) {
      if (parent == null) {
        continue;
      }
      if (merged == null) {
        merged = new ShardTime(parent.watermark, parent.processingTime, NONE, NONE, parent.maxEventTime,
            parent.lastRecordMillis, parent.upstream);
        continue;
      }
      java.util.Map<String, Long> heard = new java.util.HashMap<>(merged.upstream);
      parent.upstream.forEach((producer, watermark) -> heard.merge(producer, watermark, Math::max));
      merged = new ShardTime(Math.max(merged.watermark, parent.watermark),
          Math.max(merged.processingTime, parent.processingTime), NONE, NONE,
          Math.max(merged.maxEventTime, parent.maxEventTime), Math.max(merged.lastRecordMillis, parent.lastRecordMillis),
          heard);
    }
    return merged;
  }

  /** The same time with other in-band upstream watermarks. */
  public ShardTime withUpstream(Map<String, Long> newUpstream) {
    return new ShardTime(watermark, processingTime, pendingWatermark, pendingProcessingTime, maxEventTime,
        lastRecordMillis, newUpstream);
  }

  /** True when a firing round is pinned and not yet completed. */
  public boolean hasPendingRound() {
    return pendingWatermark != NONE || pendingProcessingTime != NONE;
  }
}
