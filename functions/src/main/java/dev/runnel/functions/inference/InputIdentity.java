package dev.runnel.functions.inference;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.batch.InputRecord;

/** The identity of an input record that every delivery of it shares, which stored answers are keyed by. */
public final class InputIdentity {
  private InputIdentity() {}

  /**
   * A record written by a Runnel stage: its producer's stage, shard, sequence number and index (the same in every
   * attempt of the producer); any other record: its shard and sequence number.
   */
  public static String of(InputRecord input) {
    try {
      return RecordIdentity.parse(input.partitionKey())
          .map(id -> id.stage() + "|" + id.shardId() + "|" + id.sequenceNumber() + "|" + id.index())
          .orElseGet(() -> input.shardId() + "|" + input.sequenceNumber());
    } catch (IllegalArgumentException malformed) {
      return input.shardId() + "|" + input.sequenceNumber();
    }
  }
}
