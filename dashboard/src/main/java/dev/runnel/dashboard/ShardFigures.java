package dev.runnel.dashboard;

/**
 * One shard of a stage's input stream.
 *
 * @param shard        the shard id
 * @param fetched      records read from it
 * @param batches      batches its function instance completed
 * @param millisBehind how far the last read was behind the shard's tip (iterator age)
 * @param pending      records read and not yet processed (waiting for a batch, or in the batch in flight)
 * @param checkpoint   the sequence number of the last input record committed, or null before the first commit
 * @param commits      how many commits its checkpoint has had (its revision)
 * @param watermark    the watermark it published, epoch milliseconds, or null
 * @param lastFailure  why its last batch failed (it is being retried), or null
 */
public record ShardFigures(String shard, long fetched, long batches, long millisBehind, long pending,
    String checkpoint,
    long commits, Long watermark, String lastFailure) {}
