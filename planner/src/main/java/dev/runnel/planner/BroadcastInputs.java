package dev.runnel.planner;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each {@code @KeyedProcess(broadcast)} against the node it broadcasts, once every input is resolved: the node
 * exists, is neither the operator, its keyed input nor downstream of it, and emits what the {@code @OnBroadcast}
 * method takes.
 */
final class BroadcastInputs {
  private final Map<String, JobNode> nodes;
  private final List<JobProblem> problems;

  BroadcastInputs(Map<String, JobNode> nodes, List<JobProblem> problems) {
    this.nodes = nodes;
    this.problems = problems;
  }

  /** Checks every operator reading a broadcast input. */
  void check(Map<String, List<String>> inputOf) {
    for (JobNode node : List.copyOf(nodes.values())) {
      if (node instanceof OperatorNode operator && operator.readsBroadcast() && inputOf.containsKey(operator.name())) {
        check(operator, inputOf);
      }
    }
  }

  private void check(OperatorNode operator, Map<String, List<String>> inputOf) {
    BroadcastDeclaration declared = operator.broadcast();
    String name = declared.node();
    JobNode node = nodes.get(name);
    if (node == null) {
      problem(operator.where(), "broadcast = \"" + name + "\" names no source stream or operator",
          "Use one of " + nodes.keySet() + ".");
      return;
    }
    if (node == operator) {
      problem(operator.where(), "broadcasts its own output", "Set broadcast to the node whose records are the rules.");
      return;
    }
    JobNode keyedInput = nodes.get(inputOf.get(operator.name()).get(0));
    if (!keyedInput.keyed()) {
      problem(operator.where(), "reads '" + keyedInput.name() + "', which is not keyed itself; an operator with a"
              + " broadcast input reads a stream of its own, written by the key-by of its input",
          "Add @KeyBy(\"field\") to " + (keyedInput instanceof SourceNode ? "the source record type "
              + keyedInput.where() : "'" + keyedInput.name() + "'") + ", or read the keyed node itself.");
      return;
    }
    if (inputOf.get(operator.name()).contains(name)) {
      problem(operator.where(), "reads '" + name + "' both as its keyed input and as its broadcast input",
          "Broadcast another node (the rules), or read '" + name + "' only once.");
      return;
    }
    if (readsOperator(name, operator.name(), inputOf)) {
      problem(operator.where(), "its broadcast input '" + name + "' reads the operator's own output",
          "Streams flow one way from a source: broadcast a node upstream of the operator, or one reading a source of"
              + " its own.");
      return;
    }
    if (node.outputType() == void.class) {
      problem(operator.where(), "its broadcast input '" + name + "' emits nothing",
          "Broadcast a node that emits records.");
      return;
    }
    Class<?> taken = declared.recordType();
    if (taken != null && !taken.isAssignableFrom(node.outputType())) {
      problem(operator.where(), "its @OnBroadcast method " + declared.onBroadcast() + " takes "
              + Describe.type(taken) + ", but its broadcast input '" + name + "' emits "
              + Describe.type(node.outputType()),
          "Change that method's first parameter to " + Describe.type(node.outputType()) + ", or set broadcast to a"
              + " node emitting " + Describe.type(taken) + ".");
    }
  }

  /** True when {@code start} is {@code operator} or reads it, following resolved inputs (and joins' right inputs). */
  private boolean readsOperator(String start, String operator, Map<String, List<String>> inputOf) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> pending = new ArrayDeque<>(List.of(start));
    while (!pending.isEmpty()) {
      String at = pending.poll();
      if (at.equals(operator)) {
        return true;
      }
      if (!seen.add(at)) {
        continue;
      }
      pending.addAll(inputOf.getOrDefault(at, List.of()));
      if (nodes.get(at) instanceof OperatorNode other) {
        if (other.joins()) {
          pending.add(other.join().right());
        }
        if (other.readsBroadcast()) {
          pending.add(other.broadcast().node());
        }
      }
    }
    return false;
  }

  private void problem(String where, String problem, String fix) {
    problems.add(new JobProblem(where, problem, fix));
  }
}
