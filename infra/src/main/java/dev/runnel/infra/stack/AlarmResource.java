package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * A CloudWatch alarm on one metric of one function, queue or job. Its actions (an SNS topic) are the renderer's: the SAM
 * template notifies the optional {@code AlarmTopicArn} parameter.
 *
 * @param logicalId          its logical id in the stack
 * @param description        what it means when it fires
 * @param namespace          {@code AWS/Lambda}, {@code AWS/SQS}, or {@code Runnel} (the functions' own metrics)
 * @param metric             the metric name
 * @param dimension          the dimension name, {@code FunctionName}, {@code QueueName} or {@code Job}
 * @param dimensionValue     the function's, queue's or job's name
 * @param statistic          {@code Maximum} or {@code Sum}
 * @param periodSeconds      the period
 * @param evaluationPeriods  how many periods in a row breach before it fires
 * @param threshold          the value compared
 * @param comparison         e.g. {@code GreaterThanThreshold}
 * @param treatMissingData   {@code notBreaching}: no data (an idle job) is healthy
 */
public record AlarmResource(String logicalId, String description, String namespace, String metric,
    String dimension, String dimensionValue, String statistic, int periodSeconds, int evaluationPeriods,
    double threshold, String comparison, String treatMissingData) {
  public AlarmResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(dimensionValue, "dimensionValue");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(treatMissingData, "treatMissingData");
  }
}
