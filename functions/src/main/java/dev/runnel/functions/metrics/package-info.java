/**
 * CloudWatch metrics of a stage, written as Embedded Metric Format lines on standard output: Lambda sends them to
 * CloudWatch Logs, which extracts the metrics without any call from the function. {@link
 * dev.runnel.functions.metrics.MetricsOutput} is where lines go, {@link dev.runnel.functions.metrics.MetricDocument} the document of many metrics each invocation writes (its figures:
 * {@link dev.runnel.functions.InvocationFigures}), {@link dev.runnel.functions.metrics.InvocationCost} its cost estimate.
 */
package dev.runnel.functions.metrics;
