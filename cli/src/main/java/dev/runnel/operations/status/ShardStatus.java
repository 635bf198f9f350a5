package dev.runnel.operations.status;

/**
 * Where one stage stands on one shard of its input stream.
 *
 * @param shard             the shard id
 * @param closed            true for a shard closed by a split or merge
 * @param committed         the committed position (the last input record fully applied), or null: none yet, or
 *                          the stage commits none (at least once, or parallel lanes)
 * @param committedAgeMillis how long ago the record at the committed position arrived in the stream, or null
 * @param caughtUp          true when no record follows the committed position
 * @param behindTipMillis   Kinesis' {@code MillisBehindLatest} for a read from the committed position (0 at the
 *                          tip), or null when it could not be read
 * @param oldestUnreadAgeMillis how long ago the first record after the committed position arrived (what Lambda
 *                          calls iterator age), or null when there is none
 * @param watermark         the shard's committed watermark (epoch ms), or null: the stage has no event time, or no
 *                          watermark yet
 * @param note              what the figures cannot say here, or null
 */
public record ShardStatus(String shard, boolean closed, String committed, Long committedAgeMillis, boolean caughtUp,
    Long behindTipMillis, Long oldestUnreadAgeMillis, Long watermark, String note) {}
