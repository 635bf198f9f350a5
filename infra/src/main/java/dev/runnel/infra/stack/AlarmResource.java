package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A CloudWatch alarm on one metric, or on the sum of several (one table's read and write throttles). Its actions (an
 * SNS topic) are the renderer's: the SAM template notifies the optional {@code AlarmTopicArn} parameter.
 *
 * @param logicalId         its logical id in the stack
 * @param description       what it means when it fires, and what to do
 * @param metrics           the metric, or the metrics summed (each missing minute counts as 0)
 * @param statistic         {@code Maximum} or {@code Sum}
 * @param periodSeconds     the period
 * @param evaluationPeriods how many periods in a row breach before it fires
 * @param threshold         the value compared
 * @param comparison        e.g. {@code GreaterThanThreshold}
 * @param treatMissingData  {@code notBreaching}: no data (an idle job) is healthy
 */
public record AlarmResource(String logicalId, String description, List<AlarmMetric> metrics, String statistic,
    int periodSeconds, AlarmValue evaluationPeriods, AlarmValue threshold, String comparison,
    String treatMissingData) {
  public AlarmResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(description, "description");
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(logicalId + " needs a metric");
    }
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(evaluationPeriods, "evaluationPeriods");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(treatMissingData, "treatMissingData");
  }

  /** The metric of a single-metric alarm, or the first summed. */
  public AlarmMetric metric() {
    return metrics.get(0);
  }

  /** True when the alarm watches the sum of several metrics (a metric math expression). */
  public boolean sums() {
    return metrics.size() > 1;
  }

  /** The parameters its numbers come from, each once. */
  public List<AlarmParameter> parameters() {
    return Stream.of(evaluationPeriods, threshold).filter(v -> v instanceof AlarmValue.FromParameter)
        .map(v -> ((AlarmValue.FromParameter) v).parameter()).distinct().toList();
  }
}
