package dev.runnel.localrunner.esm;

import java.time.Instant;

/**
 * Which records a discarded batch held, as Lambda's Kinesis on-failure record describes them (metadata only).
 *
 * @param shardId                        the shard
 * @param startSequenceNumber            the first record's sequence number
 * @param endSequenceNumber              the last record's sequence number
 * @param approximateArrivalOfFirstRecord arrival time of the first record
 * @param approximateArrivalOfLastRecord  arrival time of the last record
 * @param batchSize                      how many records the batch held
 * @param streamArn                      the stream
 */
public record KinesisBatchInfo(
    String shardId, String startSequenceNumber, String endSequenceNumber, Instant approximateArrivalOfFirstRecord,
    Instant approximateArrivalOfLastRecord, int batchSize, String streamArn) {}
