package dev.runnel.functions.aggregate;

import java.util.Objects;

/**
 * One record inside an aggregate: what would have been a Kinesis record of its own.
 *
 * @param partitionKey    its partition key (on Runnel's streams, the record's identity)
 * @param explicitHashKey the hash key (decimal) that routes it: its owner shard is the one whose range holds it
 * @param data            its payload; not copied
 */
public record SubRecord(String partitionKey, String explicitHashKey, byte[] data) {
  public SubRecord {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(explicitHashKey, "explicitHashKey");
    Objects.requireNonNull(data, "data");
  }
}
