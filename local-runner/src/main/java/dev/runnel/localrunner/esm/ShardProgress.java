package dev.runnel.localrunner.esm;

/**
 * Where one shard's consumer stands, for deciding that a run has gone quiet.
 *
 * @param shardId          the shard
 * @param fetches          GetRecords calls completed so far
 * @param recordsFetched   records read from the shard so far
 * @param invocations      invocations completed so far
 * @param idle             nothing buffered, nothing in flight, and the last GetRecords call found nothing new
 * @param finished         the shard is closed and fully processed
 * @param lastFailure      why the shard's last batch failed (it is being retried), or null when it succeeded
 * @param millisBehind     how far the last GetRecords call was behind the shard's tip, as Kinesis reported it
 *                         ({@code MillisBehindLatest}, Lambda's iterator age); 0 before the first call
 * @param pending          records fetched and not yet processed: waiting for a batch, or in the batch in flight
 */
public record ShardProgress(
    String shardId, long fetches, long recordsFetched, long invocations, boolean idle, boolean finished,
    String lastFailure, long millisBehind, long pending) {}
