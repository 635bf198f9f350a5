package dev.runnel.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which sinks the dashboard charts, and their series. A window operator's sink is charted (one sink per operator:
 * its first table, else console, else stream sink): the series are split by the stage's key field, the x axis is the
 * first field of the records holding an ISO-8601 instant (the window's time), and every number field is a line. For
 * {@code LiveComments} that is each live stream's positive, neutral, negative and total comments per minute.
 */
public final class WindowCharts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Plan plan;

  /** Charts for the window sinks of {@code plan}. */
  public WindowCharts(Plan plan) {
    this.plan = plan;
  }

  /** The sinks charted, in plan order. */
  public List<OutputSpec> chartedSinks() {
    List<OutputSpec> charted = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (OperatorSpec operator : stage.operators()) {
        if (operator.window() != null) {
          chartedSink(stage, operator).ifPresent(charted::add);
        }
      }
    }
    return charted;
  }

  /** The charts of the charted sinks, from each sink's records as JSON (a sink without records has no chart). */
  public List<WindowChart> charts(Map<String, List<String>> recordsBySink) {
    List<WindowChart> charts = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (OperatorSpec operator : stage.operators()) {
        if (operator.window() == null) {
          continue;
        }
        chartedSink(stage, operator).ifPresent(sink -> chart(sink.name(), stage.keyField(),
            recordsBySink.getOrDefault(sink.name(), List.of())).ifPresent(charts::add));
      }
    }
    return charts;
  }

  private static Optional<OutputSpec> chartedSink(StageSpec stage, OperatorSpec operator) {
    List<OutputSpec> sinks = stage.outputs().stream()
        .filter(o -> o.from().equals(operator.name()) && o.kind() != OutputKind.REPARTITION).toList();
    for (OutputKind kind : List.of(OutputKind.TABLE, OutputKind.CONSOLE, OutputKind.STREAM)) {
      Optional<OutputSpec> sink = sinks.stream().filter(o -> o.kind() == kind).findFirst();
      if (sink.isPresent()) {
        return sink;
      }
    }
    return Optional.empty();
  }

  /** The chart of one sink's records; empty when they have no time field or no number field. */
  static Optional<WindowChart> chart(String sink, String keyField, List<String> records) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String record : records) {
      try {
        JsonNode node = JSON.readTree(record);
        if (node != null && node.isObject()) {
          nodes.add(node);
        }
      } catch (java.io.IOException notJson) {
        // a console line that is not a JSON object is not charted
      }
    }
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    JsonNode first = nodes.get(0);
    String timeField = null;
    List<String> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNumber()) {
        fields.add(field.getKey());
      } else if (timeField == null && field.getValue().isTextual() && isInstant(field.getValue().asText())) {
        timeField = field.getKey();
      }
    }
    if (timeField == null || fields.isEmpty()) {
      return Optional.empty();
    }
    String key = keyField != null && first.has(keyField) ? keyField : null;
    Map<String, TreeMap<String, JsonNode>> byKey = new TreeMap<>();
    for (JsonNode node : nodes) {
      String series = key == null ? "" : node.path(key).asText();
      byKey.computeIfAbsent(series, k -> new TreeMap<>()).put(node.path(timeField).asText(), node);
    }
    List<WindowChart.Series> series = new ArrayList<>();
    byKey.forEach((value, byTime) -> {
      Map<String, List<Double>> values = new LinkedHashMap<>();
      for (String field : fields) {
        values.put(field, byTime.values().stream().map(n -> n.path(field).asDouble()).toList());
      }
      series.add(new WindowChart.Series(value, List.copyOf(byTime.keySet()), values));
    });
    return Optional.of(new WindowChart(sink, key, timeField, fields, series));
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
