package dev.runnel.infra.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a job's CloudWatch dashboard: a first row for the job (its cost estimate, the failed-batches queue, the
 * capacity of the tables no single stage owns), then a row per stage in plan order: records in and written, dead
 * letters, watermark lag (stages with event time), iterator age, duration, errors (with failed model calls), throttles
 * and the capacity units of its state tables. Rendering is deterministic.
 */
final class JobDashboard {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The dashboard grid is 24 units wide. */
  private static final int WIDTH = 24;
  private static final int GRAPH_WIDTH = 3;
  private static final int GRAPH_HEIGHT = 6;
  private static final int PERIOD_SECONDS = 60;

  private JobDashboard() {}

  static DashboardResource of(Plan plan, List<FunctionResource> functions, QueueResource queue,
      List<TableResource> tables) {
    String job = plan.job();
    List<Object> widgets = new ArrayList<>();
    widgets.add(text(0, 2, "## Runnel job " + job + "\nA row per stage below. What each alarm means and what to do: "
        + "docs/deployment.md."));
    Set<String> stateTables = new LinkedHashSet<>();
    plan.stages().forEach(s -> s.state().forEach(st -> stateTables.add(st.table())));
    List<Object> cost = new ArrayList<>();
    plan.stages().forEach(s -> cost.add(runnel(RunnelMetrics.COST_ESTIMATE_USD, job, s.id(), s.id())));
    cost.add(List.of(ordered("expression", "SUM(METRICS())", "label", "job", "id", "total")));
    widgets.add(graph(0, 2, 12, "Cost estimate (USD)", "Sum", cost));
    widgets.add(graph(12, 2, 6, "Failed batches (queue depth)", "Maximum", List.of(metric("AWS/SQS",
        "ApproximateNumberOfMessagesVisible", Map.of("QueueName", queue.name()), queue.name()))));
    widgets.add(graph(18, 2, 6, "Job tables (capacity units)", "Sum", capacity(tables.stream()
        .map(TableResource::name).filter(t -> !stateTables.contains(t)).toList())));
    int y = 2 + GRAPH_HEIGHT;
    for (StageSpec stage : plan.stages()) {
      widgets.add(text(y, 1, "### Stage " + stage.id() + " (reads " + stage.input().stream() + ")"));
      List<Object> row = stageRow(plan, stage, functions);
      for (int i = 0; i < row.size(); i++) {
        widgets.add(at(row.get(i), i * GRAPH_WIDTH, y + 1));
      }
      y += 1 + GRAPH_HEIGHT;
    }
    try {
      return new DashboardResource(LogicalIds.dashboard(job), job,
          JSON.writeValueAsString(Map.of("widgets", widgets)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("dashboard of " + job + " cannot be written", e);
    }
  }

  /** A stage's graphs, without their positions. */
  private static List<Object> stageRow(Plan plan, StageSpec stage, List<FunctionResource> functions) {
    String job = plan.job();
    String id = stage.id();
    String function = functions.stream().filter(f -> f.stageId().equals(id) && f.kind() == FunctionKind.STAGE)
        .findFirst().orElseThrow().functionName();
    List<String> tickFunctions = functions.stream()
        .filter(f -> f.stageId().equals(id) && f.kind() == FunctionKind.TICK).map(FunctionResource::functionName)
        .toList();
    List<Object> row = new ArrayList<>();
    row.add(graph("Records", "Sum", List.of(runnel(RunnelMetrics.RECORDS_IN, job, id, "in"),
        runnel(RunnelMetrics.RECORDS_WRITTEN, job, id, "written"))));
    row.add(graph("Dead letters", "Sum", List.of(runnel(RunnelMetrics.DEAD_LETTERED, job, id, "dead-lettered"))));
    if (stage.time() != null) {
      row.add(graph("Watermark lag (ms)", "Maximum",
          List.of(runnel(RunnelMetrics.WATERMARK_LAG_MILLIS, job, id, "lag"))));
    }
    row.add(KafkaAccess.readsTopic(plan, stage)
        ? graph("Offset lag (records)", "Maximum", List.of(lambda("OffsetLag", function, "lag")))
        : graph("Iterator age (ms)", "Maximum", List.of(lambda("IteratorAge", function, "age"))));
    row.add(graph("Duration (ms)", "Average", List.of(lambda("Duration", function, "average"),
        withStat(lambda("Duration", function, "maximum"), "Maximum"))));
    List<Object> errors = new ArrayList<>();
    errors.add(lambda("Errors", function, "function errors"));
    tickFunctions.forEach(tick -> errors.add(lambda("Errors", tick, "tick errors")));
    if (!StageModels.of(plan, stage).isEmpty()) {
      errors.add(runnel(RunnelMetrics.MODEL_CALL_FAILURES, job, id, "model call failures"));
    }
    row.add(graph("Errors", "Sum", errors));
    row.add(graph("Throttles", "Sum", List.of(runnel(RunnelMetrics.THROTTLED_REQUESTS, job, id, "throttled requests"),
        lambda("Throttles", function, "function throttles"))));
    List<String> state = stage.state().stream().map(StateSpec::table).distinct().toList();
    if (!state.isEmpty()) {
      row.add(graph("State (capacity units)", "Sum", capacity(state)));
    }
    return row;
  }

  private static List<Object> capacity(List<String> tables) {
    List<Object> metrics = new ArrayList<>();
    for (String table : tables) {
      metrics.add(metric("AWS/DynamoDB", "ConsumedReadCapacityUnits", Map.of("TableName", table), table + " read"));
      metrics.add(metric("AWS/DynamoDB", "ConsumedWriteCapacityUnits", Map.of("TableName", table), table + " write"));
    }
    return metrics;
  }

  private static List<Object> runnel(String name, String job, String stage, String label) {
    AlarmMetric metric = AlarmMetric.ofStage(name, job, stage);
    return metric(metric.namespace(), metric.metric(), metric.dimensions(), label);
  }

  private static List<Object> lambda(String name, String function, String label) {
    return metric("AWS/Lambda", name, Map.of("FunctionName", function), label);
  }

  /** A metric line of a graph: namespace, name, each dimension's name and value, then its options. */
  private static List<Object> metric(String namespace, String name, Map<String, String> dimensions, String label) {
    List<Object> line = new ArrayList<>(List.of(namespace, name));
    dimensions.forEach((dimension, value) -> {
      line.add(dimension);
      line.add(value);
    });
    line.add(ordered("label", label));
    return line;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> withStat(List<Object> line, String stat) {
    ((Map<String, Object>) line.get(line.size() - 1)).put("stat", stat);
    return line;
  }

  private static Map<String, Object> graph(String title, String stat, List<Object> metrics) {
    return graph(0, 0, GRAPH_WIDTH, title, stat, metrics);
  }

  private static Map<String, Object> graph(int x, int y, int width, String title, String stat, List<Object> metrics) {
    return ordered("type", "metric", "x", x, "y", y, "width", width, "height", GRAPH_HEIGHT, "properties",
        ordered("title", title, "region", DashboardResource.REGION, "view", "timeSeries", "stat", stat,
            "period", PERIOD_SECONDS, "metrics", metrics));
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object widget, int x, int y) {
    Map<String, Object> placed = (Map<String, Object>) widget;
    placed.put("x", x);
    placed.put("y", y);
    return placed;
  }

  private static Map<String, Object> text(int y, int height, String markdown) {
    return ordered("type", "text", "x", 0, "y", y, "width", WIDTH, "height", height, "properties",
        ordered("markdown", markdown));
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
