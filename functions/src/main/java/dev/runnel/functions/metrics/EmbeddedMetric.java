package dev.runnel.functions.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of one metric in CloudWatch Embedded Metric Format: a JSON object with {@code _aws.Timestamp} (epoch
 * milliseconds), {@code _aws.CloudWatchMetrics} (namespace, dimension sets, metric name and unit), and the dimension
 * values and the metric value as top-level members. CloudWatch Logs turns it into a metric data point per dimension set.
 *
 * @param namespace     the CloudWatch namespace, e.g. {@code Runnel}
 * @param dimensions    the dimension values by name, in the order written
 * @param dimensionSets the sets of dimension names the value is published under, each a subset of {@code dimensions}
 * @param name          the metric name, e.g. {@code DeadLetters}
 * @param unit          the CloudWatch unit, e.g. {@code Count}
 * @param value         the value
 * @param timestamp     when it was measured
 */
public record EmbeddedMetric(String namespace, Map<String, String> dimensions, List<List<String>> dimensionSets,
    String name, String unit, double value, Instant timestamp) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public EmbeddedMetric {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(timestamp, "timestamp");
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
    for (List<String> set : dimensionSets) {
      if (set.isEmpty() || set.size() > 30 || !dimensions.keySet().containsAll(set)) {
        throw new IllegalArgumentException("dimension set " + set + " of metric " + name
            + " must name 1 to 30 of its dimensions " + dimensions.keySet());
      }
    }
    if (dimensions.containsKey(name) || dimensions.containsKey("_aws")) {
      throw new IllegalArgumentException("metric " + name + " and its dimensions need distinct names");
    }
  }

  /** The line: one JSON object, no line break. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", timestamp.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode sets = directive.putArray("Dimensions");
    dimensionSets.forEach(set -> set.forEach(sets.addArray()::add));
    directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
    dimensions.forEach(root::put);
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      root.put(name, (long) value);
    } else {
      root.put(name, value);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metric " + name, e);
    }
  }
}
