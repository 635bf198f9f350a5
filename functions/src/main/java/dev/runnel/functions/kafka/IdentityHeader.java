package dev.runnel.functions.kafka;

/**
 * The Kafka record header carrying a Runnel record's identity, the {@code r1|...} text that travels in the partition
 * key on Kinesis (docs/exactly-once.md, "Record identity"). On Kafka the key stays the routing key, which Kafka
 * partitions by.
 */
public final class IdentityHeader {
  /** The header's name. */
  public static final String NAME = "runnel-id";

  private IdentityHeader() {}
}
