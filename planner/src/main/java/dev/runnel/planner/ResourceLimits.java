package dev.runnel.planner;

import java.util.List;
import java.util.regex.Pattern;

/** Checks the stream and table names and the shard counts a job declares against what Kinesis and DynamoDB accept. */
final class ResourceLimits {
  private static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,128}");
  private static final int MAX_SHARDS = 500;

  private final List<JobProblem> problems;

  ResourceLimits(List<JobProblem> problems) {
    this.problems = problems;
  }

  /**
   * Reports a stream name Kinesis would refuse.
   *
   * @param what the stream's role, for the message: "source stream" or "sink stream"
   */
  void checkStreamName(String at, String what, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      problem(at, what + " '" + name + "' is not a valid Kinesis stream name",
          "Use 3-128 letters, digits, '_', '.' and '-'.");
    }
  }

  /**
   * Reports a topic name Kafka would refuse, or one too long to be named like a Kinesis stream too.
   *
   * @param what the topic's role, for the message: "source topic" or "sink topic"
   */
  void checkTopicName(String at, String what, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      problem(at, what + " '" + name + "' is not a valid Kafka topic name for Runnel",
          "Use 3-128 letters, digits, '_', '.' and '-'.");
    }
  }

  /**
   * Reports a partition count outside 1 to {@value #MAX_SHARDS}.
   *
   * @param what the attribute, as the user writes it: {@code @Source(partitions)}
   */
  void checkPartitions(String at, String what, int partitions) {
    if (partitions < 1 || partitions > MAX_SHARDS) {
      problem(at, what + " is " + partitions, "Use 1 to " + MAX_SHARDS + " partitions.");
    }
  }

  /** Reports a table name DynamoDB would refuse. */
  void checkTableName(String at, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      problem(at, "table '" + name + "' is not a valid DynamoDB table name",
          "Use 3-128 letters, digits, '_', '.' and '-'.");
    }
  }

  /**
   * Reports a shard count outside 1 to {@value #MAX_SHARDS}.
   *
   * @param what the attribute, as the user writes it: {@code @Source(shards)}
   */
  void checkShards(String at, String what, int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      problem(at, what + " is " + shards, "Use 1 to " + MAX_SHARDS + " shards.");
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
