package dev.runnel.planner;

import dev.runnel.plan.StreamTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as read from its class: its nodes and, for each operator, the node it reads from. Built by
 * {@link JobReader}, which only produces a graph when the job is valid.
 *
 * @param jobName  the {@code @StreamingJob} name
 * @param jobClass the job class
 * @param nodes    every node by name, sources first, then operators in name order
 * @param inputOf  for each operator name, the names of the nodes it reads: one, or several for a union
 * @param tickSeconds the {@code @StreamingJob(tick)} period, in seconds
 * @param deadLetterRetentionSeconds the {@code @StreamingJob(deadLetterRetention)}, in seconds
 * @param edges    the {@code @StreamingJob(edges)}: where repartition streams live
 */
record JobGraph(String jobName, Class<?> jobClass, Map<String, JobNode> nodes, Map<String, List<String>> inputOf,
    long tickSeconds, long deadLetterRetentionSeconds, StreamTransport edges) {

  JobGraph {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    inputOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputOf));
  }

  /** The joins reading the named node on either side, in name order. */
  List<OperatorNode> joinsReading(String nodeName) {
    List<OperatorNode> joins = new ArrayList<>();
    inputOf.keySet().forEach(name -> {
      if (nodes.get(name) instanceof OperatorNode join && join.joins()
          && (join.join().left().equals(nodeName) || join.join().right().equals(nodeName))) {
        joins.add(join);
      }
    });
    return joins;
  }

  /** The operators broadcasting the named node (reading it with {@code @KeyedProcess(broadcast)}), in name order. */
  List<OperatorNode> broadcastsReading(String nodeName) {
    List<OperatorNode> readers = new ArrayList<>();
    inputOf.keySet().forEach(name -> {
      if (nodes.get(name) instanceof OperatorNode operator && operator.readsBroadcast()
          && operator.broadcast().node().equals(nodeName)) {
        readers.add(operator);
      }
    });
    return readers;
  }

  /** The operators reading from the named node, in name order; a join reading it as its left input is one. */
  List<OperatorNode> consumersOf(String nodeName) {
    List<OperatorNode> consumers = new ArrayList<>();
    inputOf.forEach((operator, inputs) -> {
      if (inputs.contains(nodeName)) {
        consumers.add((OperatorNode) nodes.get(operator));
      }
    });
    return consumers;
  }

  /**
   * True when the job follows event time or fires timers: a source has event time, or an operator has windows that
   * fire by time (not count windows) or timers.
   */
  boolean timed() {
    return nodes.values().stream().anyMatch(node -> node instanceof SourceNode source ? source.eventTime() != null
        : ((OperatorNode) node).firesWindows() || ((OperatorNode) node).takesTimers()
            || ((OperatorNode) node).joins());
  }

  /** True when an operator keeps windows (a join's too) or timers, which the timers table indexes. */
  boolean firesTimers() {
    return nodes.values().stream().anyMatch(node -> node instanceof OperatorNode operator
        && (operator.firesWindows() || operator.takesTimers() || operator.joins()));
  }

  /** The sources, in name order. */
  List<SourceNode> sources() {
    return nodes.values().stream().filter(SourceNode.class::isInstance).map(SourceNode.class::cast).toList();
  }
}
