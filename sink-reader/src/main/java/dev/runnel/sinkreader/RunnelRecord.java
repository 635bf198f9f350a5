package dev.runnel.sinkreader;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a Runnel stream sink, delivered once per identity and shard.
 *
 * @param payload        the record's data, as Runnel wrote it (the user's JSON); the handler may keep the array
 * @param identity       the record identity its partition key carries, or null for a record Runnel did not write
 * @param shardId        the sink stream's shard the record was read from
 * @param sequenceNumber the record's sequence number in that shard (a redelivered copy has another one)
 * @param arrivalTime    Kinesis's approximate arrival timestamp
 * @param dedupMemory    the shard's dedup memory once this record counts as delivered: store {@code dedupMemory().data()}
 *                       in the same commit as the record's effects to make them exactly once across restarts
 *                       ({@link RunnelRecordHandler#restoreDedupMemory})
 */
public record RunnelRecord(byte[] payload, RecordIdentity identity, String shardId, String sequenceNumber,
    Instant arrivalTime, AppliedIdentities dedupMemory) {

  /** Checks that everything but the identity is present. */
  public RunnelRecord {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(arrivalTime, "arrivalTime");
    Objects.requireNonNull(dedupMemory, "dedupMemory");
  }

  /** The identity, empty for a record Runnel did not write (such records are never deduplicated). */
  public Optional<RecordIdentity> runnelIdentity() {
    return Optional.ofNullable(identity);
  }
}
