package dev.runnel.planner;

/** Names of the resources the planner creates for a job, as opposed to those the user names. */
final class ResourceNames {
  private ResourceNames() {}

  /** The stream carrying a keyed operator's output to the next stage: {@code <job>-<operator>}. */
  static String repartitionStream(String job, String operator) {
    return job + "-" + operator;
  }

  /** The table of records that could not be processed: {@code <job>-dead-letters}. */
  static String deadLetterTable(String job) {
    return job + "-dead-letters";
  }

  /** The id of the n-th stage (from 1) in topological order: {@code <job>-<n>}. */
  static String stageId(String job, int n) {
    return job + "-" + n;
  }
}
