package dev.runnel.dashboard;

import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan's graph laid out in columns, as the page draws it: source streams in the first column, each stage one column
 * right of what feeds it, each sink one column right of its stage; rows in plan order within a column.
 *
 * @param job   the job's name
 * @param nodes sources, stages and sinks
 * @param edges what feeds what; a stage-to-stage edge is a repartition stream, labelled with its key
 */
public record JobGraph(String job, List<Node> nodes, List<Edge> edges) {
  public JobGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A box of the graph.
   *
   * @param id     unique in the graph: a stream name, a stage id, or {@code sink:<name>}
   * @param kind   {@code source}, {@code stage} or {@code sink}
   * @param label  what the box says first (stream, stage id, sink name)
   * @param detail what it says below (shards, operators, sink kind and target)
   * @param column its column, from 0
   * @param row    its row within the column, from 0
   */
  public record Node(String id, String kind, String label, String detail, int column, int row) {}

  /**
   * An arrow.
   *
   * @param from  the node it leaves
   * @param to    the node it enters
   * @param label what travels, e.g. {@code key: streamId}, or null
   */
  public record Edge(String from, String to, String label) {}

  /** The graph of {@code plan}. */
  public static JobGraph of(Plan plan) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Map<String, Integer> columnOf = new HashMap<>();
    Map<Integer, Integer> rowsIn = new HashMap<>();
    Map<String, String> writerOfStream = new LinkedHashMap<>();
    for (StageSpec stage : plan.stages()) {
      for (OutputSpec output : stage.outputs()) {
        if (output.kind() == OutputKind.REPARTITION) {
          writerOfStream.put(output.target(), stage.id());
        }
      }
    }
    for (StageSpec stage : plan.stages()) {
      String stream = stage.input().stream();
      String upstream = writerOfStream.get(stream);
      String label = null;
      if (upstream == null) {
        if (!columnOf.containsKey(stream)) {
          int shards = plan.stream(stream).map(s -> s.shards()).orElse(0);
          boolean source = plan.stream(stream).map(s -> s.role() == StreamRole.SOURCE).orElse(true);
          nodes.add(new Node(stream, "source", stream, (source ? "source stream" : "stream") + " · " + shards
              + (shards == 1 ? " shard" : " shards"), 0, next(rowsIn, 0)));
          columnOf.put(stream, 0);
        }
        upstream = stream;
      } else {
        label = "key: " + stage.keyField();
      }
      int column = columnOf.get(upstream) + 1;
      columnOf.put(stage.id(), column);
      int shards = plan.stream(stream).map(s -> s.shards()).orElse(0);
      nodes.add(new Node(stage.id(), "stage", stage.id(), operators(stage) + " · " + shards
          + (shards == 1 ? " shard" : " shards"), column, next(rowsIn, column)));
      edges.add(new Edge(upstream, stage.id(), label));
      for (OutputSpec output : stage.outputs()) {
        if (output.kind() != OutputKind.REPARTITION) {
          String id = "sink:" + output.name();
          nodes.add(new Node(id, "sink", output.name(), sinkDetail(output), column + 1, next(rowsIn, column + 1)));
          edges.add(new Edge(stage.id(), id, null));
        }
      }
    }
    return new JobGraph(plan.job(), nodes, edges);
  }

  private static int next(Map<Integer, Integer> rowsIn, int column) {
    int row = rowsIn.getOrDefault(column, 0);
    rowsIn.put(column, row + 1);
    return row;
  }

  private static String operators(StageSpec stage) {
    return stage.operators().isEmpty() ? "re-key"
        : stage.operators().stream().map(JobGraph::operatorLabel).collect(Collectors.joining(" → "));
  }

  private static String operatorLabel(OperatorSpec operator) {
    if (operator.inference() != null) {
      return operator.name() + " [model]";
    }
    return operator.window() != null ? operator.name() + " [window]" : operator.name();
  }

  private static String sinkDetail(OutputSpec output) {
    return switch (output.kind()) {
      case CONSOLE -> "console";
      case STREAM -> "stream " + output.target();
      case TABLE -> "table " + output.target();
      case REPARTITION, BROADCAST -> output.target();
    };
  }
}
