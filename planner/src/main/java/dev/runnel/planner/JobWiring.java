package dev.runnel.planner;

import dev.runnel.plan.OutputKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connects a job's nodes: resolves each operator's input (its {@code from}, or the one node producing its parameter
 * type) and checks the whole graph: types match, no cycles, every output goes somewhere, sink names are unique and
 * no stage writes the stream it reads.
 */
final class JobWiring {
  private final String jobName;
  private final Map<String, JobNode> nodes;
  private final List<JobProblem> problems;

  JobWiring(String jobName, Map<String, JobNode> nodes, List<JobProblem> problems) {
    this.jobName = jobName;
    this.nodes = nodes;
    this.problems = problems;
  }

  /** The input node name of each operator whose input could be resolved. */
  Map<String, String> resolveInputs() {
    Map<String, String> inputOf = new LinkedHashMap<>();
    for (JobNode node : nodes.values()) {
      if (node instanceof OperatorNode operator) {
        String input = operator.declaredFrom().isEmpty() ? inputByType(operator) : inputByName(operator);
        if (input != null) {
          inputOf.put(operator.name(), input);
        }
      }
    }
    return inputOf;
  }

  private String inputByName(OperatorNode operator) {
    JobNode input = nodes.get(operator.declaredFrom());
    if (input == null) {
      problem(operator.where(), "from = \"" + operator.declaredFrom() + "\" names no source stream or operator",
          "Use one of " + nodes.keySet() + ".");
      return null;
    }
    if (input == operator) {
      problem(operator.where(), "reads from itself", "Set from to the node it should read.");
      return null;
    }
    if (!operator.inputType().isAssignableFrom(input.outputType())) {
      problem(operator.where(), "reads from '" + input.name() + "', which emits " + Describe.type(input.outputType())
              + ", but its parameter is " + Describe.type(operator.inputType()),
          "Change the parameter to " + Describe.type(input.outputType()) + " or read from a node emitting "
              + Describe.type(operator.inputType()) + ".");
      return null;
    }
    return input.name();
  }

  private String inputByType(OperatorNode operator) {
    List<JobNode> producers = nodes.values().stream()
        .filter(n -> n != operator && operator.inputType().isAssignableFrom(n.outputType()))
        .toList();
    if (producers.isEmpty()) {
      problem(operator.where(), "nothing in the job produces its input type " + Describe.type(operator.inputType()),
          "Declare a @Source of that type, an operator returning it, or change the parameter type.");
      return null;
    }
    if (producers.size() > 1) {
      problem(operator.where(), "its input type " + Describe.type(operator.inputType()) + " is produced by "
              + producers.stream().map(JobNode::name).toList(),
          "Say which one it reads, e.g. from = \"" + producers.get(producers.size() - 1).name() + "\".");
      return null;
    }
    return producers.get(0).name();
  }

  /** Checks the resolved graph as a whole. */
  void checkGraph(Map<String, String> inputOf) {
    checkCycles(inputOf);
    checkSinks();
    checkKeyedState(inputOf);
    if (problems.isEmpty()) {
      // Only on an otherwise sound graph: a broken operator would make its upstream look unused.
      checkEveryOutputIsUsed(inputOf);
    }
  }

  /** A stateful operator needs a key: the nearest keyed node upstream of it, within its reach. */
  private void checkKeyedState(Map<String, String> inputOf) {
    for (JobNode node : nodes.values()) {
      if (!(node instanceof OperatorNode operator) || !operator.stateful() || !inputOf.containsKey(node.name())) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      String at = inputOf.get(node.name());
      while (at != null && seen.add(at) && !endsTheWalk(nodes.get(at))) {
        at = inputOf.get(at);
      }
      if (at == null || !endsTheWalk(nodes.get(at))) {
        continue; // an unresolved input or a cycle, reported already
      }
      JobNode upstream = nodes.get(at);
      if (!upstream.keyed()) {
        String input = inputOf.get(node.name());
        problem(node.where(), "uses keyed state but its input is not keyed: no @KeyBy between source '"
                + upstream.name() + "' and it",
            "Add @KeyBy(\"field\") to '" + input + "' (the " + (nodes.get(input) instanceof SourceNode
                ? "source record type" : "operator") + " it reads), so that each key's records meet in one place.");
      }
    }
  }

  private static boolean endsTheWalk(JobNode node) {
    return node.keyed() || node instanceof SourceNode;
  }

  private void checkCycles(Map<String, String> inputOf) {
    Set<String> reported = new HashSet<>();
    for (String start : inputOf.keySet()) {
      LinkedHashSet<String> path = new LinkedHashSet<>();
      String at = start;
      while (at != null && path.add(at)) {
        at = inputOf.get(at);
      }
      if (at != null && reported.add(at)) {
        List<String> cycle = new ArrayList<>(path);
        cycle = cycle.subList(cycle.indexOf(at), cycle.size());
        reported.addAll(cycle);
        problem(nodes.get(at).where(), "is part of a cycle " + String.join(" <- ", cycle) + " <- " + at,
            "Streams flow one way from a source: make one of these operators read from a source or an operator"
                + " outside the cycle.");
      }
    }
  }

  private void checkEveryOutputIsUsed(Map<String, String> inputOf) {
    Set<String> read = new HashSet<>(inputOf.values());
    for (JobNode node : nodes.values()) {
      boolean resolved = node instanceof SourceNode || inputOf.containsKey(node.name());
      if (!resolved) {
        continue;
      }
      if (node.outputType() == void.class) {
        continue; // a @Process that only updates state
      }
      if (node.keyed() && !read.contains(node.name())) {
        problem(node.where(), "is keyed with @KeyBy(\"" + node.keyField() + "\") but no operator reads from it",
            "Add the operator that should run per key (with from = \"" + node.name() + "\"), or remove @KeyBy"
                + " and set the sink's key instead.");
      } else if (!read.contains(node.name()) && node.sinks().isEmpty()) {
        problem(node.where(), "its output goes nowhere: no operator reads it and it has no @Sink",
            "Add a @Sink to it, read it from another operator, or remove it.");
      }
    }
  }

  private void checkSinks() {
    Map<String, SinkDeclaration> byName = new HashMap<>();
    Set<String> sourceStreams = new HashSet<>();
    nodes.values().stream().filter(SourceNode.class::isInstance).forEach(n -> sourceStreams.add(n.name()));
    Set<String> repartitionStreams = new HashSet<>();
    nodes.values().stream().filter(JobNode::keyed)
        .forEach(n -> repartitionStreams.add(ResourceNames.repartitionStream(jobName, n.name())));
    for (JobNode node : nodes.values()) {
      for (SinkDeclaration sink : node.sinks()) {
        SinkDeclaration earlier = byName.putIfAbsent(sink.name(), sink);
        if (earlier != null) {
          problem(sink.where(), "declares a second sink named '" + sink.name() + "' (the first is on "
              + earlier.where() + ")", "Give one of them another name with @Sink(name = \"...\").");
        }
        if (sink.kind() == OutputKind.STREAM && sourceStreams.contains(sink.target())) {
          problem(sink.where(), "writes to '" + sink.target() + "', which the job reads as a source: it would"
              + " process its own output forever", "Write to another stream.");
        }
        if (sink.kind() == OutputKind.STREAM && repartitionStreams.contains(sink.target())) {
          problem(sink.where(), "writes to '" + sink.target() + "', the job's own repartition stream",
              "Write to another stream.");
        }
        if (sink.kind() == OutputKind.TABLE && sink.target().equals(ResourceNames.deadLetterTable(jobName))) {
          problem(sink.where(), "writes to '" + sink.target() + "', the job's dead-letter table",
              "Write to another table.");
        }
      }
    }
    for (String repartition : repartitionStreams) {
      if (sourceStreams.contains(repartition)) {
        problem(nodes.get(repartition).where(), "its stream name '" + repartition
            + "' is also the name of the repartition stream Runnel creates for a key-by",
            "Rename the source stream or the keyed operator.");
      }
    }
  }

  private void problem(String where, String problem, String fix) {
    problems.add(new JobProblem(where, problem, fix));
  }
}
