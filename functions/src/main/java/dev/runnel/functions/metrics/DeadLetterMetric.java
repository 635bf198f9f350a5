package dev.runnel.functions.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code DeadLetters} metric of one stage: how many dead letters a write put into the job's dead-letter table,
 * in namespace {@link #NAMESPACE}, published per job ({@code Job}, what the deployed alarm watches) and per stage
 * ({@code Job}, {@code Stage}). Nothing is written for a write without dead letters, so a healthy job costs nothing.
 *
 * @param job    the job's name
 * @param stage  the stage id
 * @param output where the line goes
 * @param clock  the clock of the line's timestamp
 */
public record DeadLetterMetric(String job, String stage, MetricsOutput output, Clock clock) {
  /** The CloudWatch namespace of Runnel's own metrics. */
  public static final String NAMESPACE = "Runnel";
  /** The metric name. */
  public static final String NAME = "DeadLetters";
  /** The dimension holding the job's name. */
  public static final String JOB = "Job";
  /** The dimension holding the stage id. */
  public static final String STAGE = "Stage";

  public DeadLetterMetric {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(clock, "clock");
  }

  /** Records that {@code count} dead letters were written; nothing when there were none. */
  public void written(long count) {
    if (count <= 0) {
      return;
    }
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put(JOB, job);
    dimensions.put(STAGE, stage);
    output.emit(new EmbeddedMetric(NAMESPACE, dimensions, List.of(List.of(JOB), List.of(JOB, STAGE)), NAME, "Count",
        count, clock.instant()).json());
  }
}
