/**
 * CloudWatch metrics of a stage, written as Embedded Metric Format lines on standard output: Lambda sends them to
 * CloudWatch Logs, which extracts the metrics without any call from the function. {@link
 * dev.runnel.functions.metrics.EmbeddedMetric} is one line, {@link dev.runnel.functions.metrics.MetricsOutput} where
 * lines go, {@link dev.runnel.functions.metrics.DeadLetterMetric} the {@code DeadLetters} count the alarms watch,
 * {@link dev.runnel.functions.metrics.MetricDocument} the document of many metrics each invocation writes (its figures:
 * {@link dev.runnel.functions.InvocationFigures}), {@link dev.runnel.functions.metrics.InvocationCost} its cost estimate.
 */
package dev.runnel.functions.metrics;
