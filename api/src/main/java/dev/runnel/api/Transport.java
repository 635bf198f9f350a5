package dev.runnel.api;

/** Where records travel between a job and its producers, readers and stages: Kinesis streams or Kafka topics. */
public enum Transport {
  /** Amazon Kinesis Data Streams: records in shards, read by Lambda's Kinesis event source mapping. */
  KINESIS,
  /** Apache Kafka (Amazon MSK or self-managed): records in topic partitions, read by Lambda's Kafka event source mapping. */
  KAFKA
}
