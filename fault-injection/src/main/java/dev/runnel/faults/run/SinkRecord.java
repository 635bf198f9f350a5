package dev.runnel.faults.run;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.Optional;

/**
 * One record read back from a sink stream.
 *
 * @param partitionKey its partition key, which carries its identity when the exactly-once runtime wrote it
 * @param data         its payload as UTF-8 text
 */
public record SinkRecord(String partitionKey, String data) {
  /** What makes two writes the same record: the identity without the committed position, if the key has one. */
  public Optional<String> identity() {
    return RecordIdentity.parse(partitionKey)
        .map(id -> id.stage() + "|" + id.shardId() + "|" + id.sequenceNumber() + "|" + id.index());
  }
}
