package dev.runnel.checkpointing.progress;

/**
 * What one (stage, shard) has published about its event-time progress, for the stages it feeds.
 *
 * @param stage            the publishing stage
 * @param shardId          the shard of its input stream
 * @param watermark        its output watermark: it will send no record with an event time at or before this, except
 *                         late records, which downstream windows treat as late
 * @param lastRecordMillis the arrival time of the newest record of that shard (for idleness), or Long.MIN_VALUE
 */
public record ShardProgress(String stage, String shardId, long watermark, long lastRecordMillis) {}
