package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a stage output writes to. */
public enum OutputKind {
  /** The keyed stream feeding the next stage, written with PutRecords, partition key = the record's key. */
  @JsonProperty("repartition") REPARTITION,
  /**
   * A copy of each record on every open shard of a broadcast operator's stream, routed by the shard's starting hash
   * key, tagged {@code broadcast} (docs/broadcast.md).
   */
  @JsonProperty("broadcast") BROADCAST,
  /** A Kinesis stream sink, JSON records, written with PutRecords. */
  @JsonProperty("stream") STREAM,
  /** A DynamoDB table sink, one item per record, written with BatchWriteItem. */
  @JsonProperty("table") TABLE,
  /** Standard output (the function log on Lambda). */
  @JsonProperty("console") CONSOLE
}
