package dev.runnel.operations.deadletters;

/**
 * One item of a job's dead-letter table (docs/exactly-once.md, "Dead letters").
 *
 * @param id               stage, shard and position
 * @param errorType        the kind of failure ({@code decode}, {@code operator}, ...)
 * @param operator         where it failed, or null
 * @param failedAt         when (ISO-8601)
 * @param expiresAt        when the table's TTL deletes it (epoch seconds), or 0
 * @param error            the full message
 * @param partitionKey     the record's partition key (after a Runnel hop: its upstream identity), or null
 * @param payload          the record's bytes, cut at 350 KB
 * @param payloadBytes     the full size of the record
 * @param payloadTruncated whether {@code payload} was cut
 * @param replay           what a replay left on it, or null
 */
public record DeadLetterEntry(DeadLetterId id, String errorType, String operator, String failedAt, long expiresAt,
    String error, String partitionKey, byte[] payload, long payloadBytes, boolean payloadTruncated,
    ReplayMark replay) {}
