package dev.runnel.infra.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch metric an alarm or a dashboard widget reads.
 *
 * @param namespace  {@code AWS/Lambda}, {@code AWS/SQS}, {@code AWS/DynamoDB}, {@code AWS/Kinesis}, or
 *                   {@link RunnelMetrics#NAMESPACE}
 * @param metric     the metric name
 * @param dimensions the metric's dimensions in order (a metric is matched by all of them exactly)
 */
public record AlarmMetric(String namespace, String metric, Map<String, String> dimensions) {
  public AlarmMetric {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metric, "metric");
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("metric " + metric + " needs a dimension");
    }
  }

  /** A metric with one dimension. */
  public static AlarmMetric of(String namespace, String metric, String dimension, String value) {
    return new AlarmMetric(namespace, metric, Map.of(dimension, value));
  }

  /** Runnel's metric {@code metric} of stage {@code stage} of job {@code job}. */
  public static AlarmMetric ofStage(String metric, String job, String stage) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put(RunnelMetrics.JOB, job);
    dimensions.put(RunnelMetrics.STAGE, stage);
    return new AlarmMetric(RunnelMetrics.NAMESPACE, metric, dimensions);
  }
}
