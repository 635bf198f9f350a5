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
 * Several metric values in one CloudWatch Embedded Metric Format document: {@code _aws.Timestamp} (epoch
 * milliseconds), one {@code _aws.CloudWatchMetrics} directive (namespace, dimension sets, each metric's name and
 * unit), and the dimension values and metric values as top-level members, as the specification requires.
 *
 * @param namespace     the CloudWatch namespace, e.g. {@code Runnel}
 * @param dimensions    the dimension values by name, in the order written
 * @param dimensionSets the sets of dimension names every value is published under, each a subset of {@code dimensions}
 * @param values        the metrics, in the order written: at most 100 (the specification's limit per directive)
 * @param timestamp     when they were measured
 */
public record MetricDocument(String namespace, Map<String, String> dimensions, List<List<String>> dimensionSets,
    List<MetricValue> values, Instant timestamp) {
  /** The specification's limit of metrics in one directive. */
  public static final int MAX_METRICS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  public MetricDocument {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timestamp, "timestamp");
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
    values = List.copyOf(values);
    for (List<String> set : dimensionSets) {
      if (set.isEmpty() || set.size() > 30 || !dimensions.keySet().containsAll(set)) {
        throw new IllegalArgumentException("dimension set " + set + " must name 1 to 30 of the dimensions "
            + dimensions.keySet());
      }
    }
    if (values.isEmpty() || values.size() > MAX_METRICS) {
      throw new IllegalArgumentException("a metric document holds 1 to " + MAX_METRICS + " metrics, not "
          + values.size());
    }
    java.util.Set<String> names = new java.util.HashSet<>(dimensions.keySet());
    names.add("_aws");
    for (MetricValue value : values) {
      if (!names.add(value.name())) {
        throw new IllegalArgumentException("metric " + value.name() + " needs a name distinct from the other metrics"
            + " and from the dimensions " + dimensions.keySet());
      }
    }
  }

  /** The document: one JSON object, no line break. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", timestamp.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode sets = directive.putArray("Dimensions");
    dimensionSets.forEach(set -> set.forEach(sets.addArray()::add));
    ArrayNode metrics = directive.putArray("Metrics");
    values.forEach(v -> metrics.addObject().put("Name", v.name()).put("Unit", v.unit()));
    dimensions.forEach(root::put);
    for (MetricValue v : values) {
      if (v.value() == Math.rint(v.value()) && Math.abs(v.value()) < 1e15) {
        root.put(v.name(), (long) v.value());
      } else {
        root.put(v.name(), v.value());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metrics " + values, e);
    }
  }

  /**
   * One metric's value.
   *
   * @param name  the metric name
   * @param unit  a CloudWatch unit: {@code Count}, {@code Milliseconds} or {@code None} here
   * @param value the value, finite
   */
  public record MetricValue(String name, String unit, double value) {
    public MetricValue {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("metric " + name + " has no finite value: " + value);
      }
    }
  }
}
