package dev.runnel.planner;

/** Names of the resources the planner creates for a job, as opposed to those the user names. */
final class ResourceNames {
  private ResourceNames() {}

  /**
   * The stream carrying a keyed node's output to the next stage: {@code <job>-<node>}, or {@code <node>-keyed} when the
   * node's name already starts with {@code <job>-} (a source {@code clicks-in} of job {@code clicks}), so the job's
   * name is not repeated and the stream is not the source's own.
   */
  static String repartitionStream(String job, String node) {
    return node.startsWith(job + "-") ? node + "-keyed" : job + "-" + node;
  }

  /**
   * The stream carrying both inputs of a join, tagged by side, to the join's stage: {@code <job>-<join>-in}
   * (docs/joins.md).
   */
  static String joinStream(String job, String join) {
    return repartitionStream(job, join) + "-in";
  }

  /** The table of records that could not be processed: {@code <job>-dead-letters}. */
  static String deadLetterTable(String job) {
    return job + "-dead-letters";
  }

  /** The table of keyed state, one item per (stage, key): {@code <job>-state}. */
  static String stateTable(String job) {
    return job + "-state";
  }

  /** The table of committed positions, one item per (stage, shard): {@code <job>-checkpoints}. */
  static String checkpointTable(String job) {
    return job + "-checkpoints";
  }

  /** The shard state log of the stages with keyed state (docs/state-log.md): {@code <job>-state-log}. */
  static String stateLogTable(String job) {
    return job + "-state-log";
  }

  /** The table of published watermarks, one item per (stage, shard): {@code <job>-progress}. */
  static String progressTable(String job) {
    return job + "-progress";
  }

  /** The index of pending timers and window ends per (stage, shard): {@code <job>-timers}. */
  static String timersTable(String job) {
    return job + "-timers";
  }

  /** The id of the n-th stage (from 1) in topological order: {@code <job>-<n>}. */
  /** The table of stored model answers, {@code <job>-inference-results}. */
  static String inferenceResultsTable(String job) {
    return job + "-inference-results";
  }

  /** The table of the models' shared rate-limit buckets, {@code <job>-rate-limits}. */
  static String rateLimitsTable(String job) {
    return job + "-rate-limits";
  }

  static String stageId(String job, int n) {
    return job + "-" + n;
  }
}
