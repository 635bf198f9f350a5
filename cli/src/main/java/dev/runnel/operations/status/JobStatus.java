package dev.runnel.operations.status;

import java.util.List;

/**
 * Where a job stands, as {@code runnel status} prints it.
 *
 * @param job           the job
 * @param target        where it was read: a local run or a stack
 * @param readAt        when (ISO-8601)
 * @param metricsPeriod what the model calls and cost count (CloudWatch since when), or null when they are unavailable
 * @param stages        its stages, in plan order
 */
public record JobStatus(String job, String target, String readAt, String metricsPeriod, List<StageStatus> stages) {
  /** Copies the list. */
  public JobStatus {
    stages = List.copyOf(stages);
  }
}
