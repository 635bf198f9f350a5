package dev.runnel.planner;

import dev.runnel.api.EventTime;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OutputKind;
import java.util.ArrayDeque;
import dev.runnel.plan.StreamTransport;
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
 * no stage writes the stream it reads. A window's late node joins the nodes here, once the window's input, and so the
 * late records' type, is known.
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

  /**
   * The input node name of each operator whose input could be resolved, in node order. Windows are resolved first:
   * each window's late node is then added to the nodes, typed with the window's records, so others can read it.
   */
  Map<String, List<String>> resolveInputs() {
    Map<String, List<String>> resolved = new HashMap<>();
    WindowTypes windowTypes = new WindowTypes(problems);
    for (JobNode node : List.copyOf(nodes.values())) {
      if (node instanceof OperatorNode window && window.kind() == OperatorKind.WINDOW) {
        String input = window.declaredFrom().isEmpty() ? inputByType(window)
            : inputByName(window, window.declaredFrom().get(0));
        if (input != null) {
          resolved.put(window.name(), List.of(input));
          windowTypes.check(window, nodes.get(input));
          addLateNode(window, nodes.get(input).outputType(), resolved);
        }
      }
    }
    JoinInputs joinInputs = new JoinInputs(nodes, problems);
    for (JobNode node : List.copyOf(nodes.values())) {
      if (node instanceof OperatorNode join && join.joins()) {
        String left = joinInputs.resolve(join);
        if (left != null) {
          resolved.put(join.name(), List.of(left)); // the right input is the join's own: join().right()
        }
      }
    }
    for (JobNode node : List.copyOf(nodes.values())) {
      if (node instanceof OperatorNode side && side.kind() == OperatorKind.SIDE) {
        resolved.put(side.name(), side.declaredFrom()); // its operator, by construction
      } else if (node instanceof OperatorNode operator && !operator.windowed()) {
        List<String> inputs = operator.declaredFrom().isEmpty() ? byType(operator) : inputsByName(operator);
        if (inputs != null) {
          resolved.put(operator.name(), inputs);
        }
      }
    }
    Map<String, List<String>> inputOf = new LinkedHashMap<>();
    for (String name : nodes.keySet()) {
      if (resolved.containsKey(name)) {
        inputOf.put(name, resolved.get(name));
      }
    }
    return inputOf;
  }

  /** Adds the window's late node, if it declares one, reading the window and emitting its records unchanged. */
  private void addLateNode(OperatorNode window, Class<?> type, Map<String, List<String>> resolved) {
    String late = window.window().spec().lateNode();
    if (late == null) {
      return;
    }
    JobNode earlier = nodes.get(late);
    if (earlier != null) {
      problem(window.where(), "late = \"" + late + "\" is also the name of " + (earlier instanceof OperatorNode o
              && o.kind() == OperatorKind.LATE ? "the late node of " : "") + earlier.where(),
          "Give the late records another name: sources, operators and late nodes each need their own name.");
      return;
    }
    nodes.put(late, OperatorNode.late(window, type));
    resolved.put(late, List.of(window.name()));
  }

  private List<String> byType(OperatorNode operator) {
    String input = inputByType(operator);
    return input == null ? null : List.of(input);
  }

  /**
   * The nodes an operator names in {@code from}, or null (with problems). The nodes of a union must be distinct and
   * emit one type, so that the operator's records are of one kind whichever input they came from.
   */
  private List<String> inputsByName(OperatorNode operator) {
    List<String> inputs = new ArrayList<>();
    for (String name : operator.declaredFrom()) {
      if (inputs.contains(name)) {
        problem(operator.where(), "names '" + name + "' twice in from", "Name each node it reads once.");
        return null;
      }
      String input = inputByName(operator, name);
      if (input == null) {
        return null;
      }
      inputs.add(input);
    }
    Class<?> first = nodes.get(inputs.get(0)).outputType();
    for (String other : inputs.subList(1, inputs.size())) {
      Class<?> type = nodes.get(other).outputType();
      if (type != first) {
        problem(operator.where(), "reads a union of '" + inputs.get(0) + "', which emits " + Describe.type(first)
                + ", and '" + other + "', which emits " + Describe.type(type) + ": a union's inputs must emit one type",
            "Map '" + other + "' to " + Describe.type(first) + " first (a @MapEach reading it) and read that, or read"
                + " the two in separate operators.");
        return null;
      }
    }
    return List.copyOf(inputs);
  }

  private String inputByName(OperatorNode operator, String from) {
    JobNode input = nodes.get(from);
    OperatorNode lateOf = lateNodeOwner(from);
    if (input == null && lateOf != null) {
      // Only a window reads before late nodes exist, and a window cannot read late records: they are not keyed.
      problem(operator.where(), "reads '" + from + "', the late records of " + lateOf.where()
              + ", which are not keyed",
          "Read them with an operator that has @KeyBy(\"field\"), and have the window read that operator.");
      return null;
    }
    if (input == null) {
      problem(operator.where(), "from = \"" + from + "\" names no source stream or operator",
          "Use one of " + nodes.keySet() + ".");
      return null;
    }
    if (input == operator) {
      problem(operator.where(), "reads from itself", "Set from to the node it should read.");
      return null;
    }
    if (operator.kind() == OperatorKind.WINDOW) {
      return input.name(); // its types are checked against the records it reads by WindowTypes
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

  /** The window declaring this late node name, or null. */
  private OperatorNode lateNodeOwner(String name) {
    return nodes.values().stream()
        .filter(n -> n instanceof OperatorNode o && o.window() != null && name.equals(o.window().spec().lateNode()))
        .map(OperatorNode.class::cast).findFirst().orElse(null);
  }

  private String inputByType(OperatorNode operator) {
    if (operator.kind() == OperatorKind.WINDOW && operator.inputType() == Object.class) {
      problem(operator.where(), "a @Window with @Aggregate(kind = " + operator.window().spec().aggregate().kind().name()
              + ") cannot tell from its signature which records it reads",
          "Set from to the keyed node it windows, e.g. @Window(from = \"" + nodes.values().stream()
              .filter(JobNode::keyed).map(JobNode::name).findFirst().orElse("node") + "\", ...).");
      return null;
    }
    List<JobNode> producers = nodes.values().stream()
        .filter(n -> n != operator && operator.inputType().isAssignableFrom(n.outputType()))
        .toList();
    if (producers.isEmpty()) {
      problem(operator.where(), "nothing in the job produces its input type " + Describe.type(operator.inputType()),
          "Declare a @Source of that type, an operator returning it, or change the parameter type.");
      return null;
    }
    if (producers.size() > 1) {
      boolean oneType = producers.stream().map(JobNode::outputType).distinct().count() == 1;
      String union = readsUnions(operator) && oneType ? ", or read them all as a union: from = {"
          + String.join(", ", producers.stream().map(p -> "\"" + p.name() + "\"").toList()) + "}" : "";
      problem(operator.where(), "its input type " + Describe.type(operator.inputType()) + " is produced by "
              + producers.stream().map(JobNode::name).toList(),
          "Say which one it reads, e.g. from = \"" + producers.get(producers.size() - 1).name() + "\"" + union + ".");
      return null;
    }
    return producers.get(0).name();
  }

  /** True for the operators whose {@code from} may name several nodes: filters, maps and flat-maps. */
  private static boolean readsUnions(OperatorNode operator) {
    return operator.kind() == OperatorKind.FILTER || operator.kind() == OperatorKind.MAP
        || operator.kind() == OperatorKind.FLAT_MAP;
  }

  /** Checks the resolved graph as a whole. */
  void checkGraph(Map<String, List<String>> inputOf) {
    checkCycles(inputOf);
    checkSinks();
    checkKeyedState(inputOf);
    checkEventTime(inputOf);
    checkInferenceInputs(inputOf);
    new BroadcastInputs(nodes, problems).check(inputOf);
    if (problems.isEmpty()) {
      // Only on an otherwise sound graph: a broken operator would make its upstream look unused.
      checkEveryOutputIsUsed(inputOf);
    }
  }

  /**
   * A stateful operator needs a key: the nearest keyed node upstream of it, within its reach. Through a union, every
   * path must reach the same keyed node: keyed nodes of different stages would each keep their own part of the state.
   */
  private void checkKeyedState(Map<String, List<String>> inputOf) {
    for (JobNode node : nodes.values()) {
      if (!(node instanceof OperatorNode operator) || !operator.stateful() || !inputOf.containsKey(node.name())) {
        continue;
      }
      List<JobNode> ends = upstreamEnds(node.name(), inputOf);
      JobNode unkeyed = ends.stream().filter(end -> !end.keyed()).findFirst().orElse(null);
      if (unkeyed != null) {
        JobNode upstream = unkeyed;
        String input = inputOf.get(node.name()).get(0);
        String between = upstream instanceof SourceNode ? "source '" + upstream.name() + "'"
            : ((OperatorNode) upstream).kind() == OperatorKind.LATE
                ? "late node '" + upstream.name() + "' (a window's late records are not keyed)"
                : "window '" + upstream.name() + "' (a window's results are not keyed)";
        String fix = nodes.get(input) instanceof OperatorNode late && late.kind() == OperatorKind.LATE
            ? "Read '" + input + "' with an operator that has @KeyBy(\"field\"), such as a @MapEach, and have this one read"
                + " that, so that each key's records meet in one place."
            : "Add @KeyBy(\"field\") to '" + input + "' (the " + (nodes.get(input) instanceof SourceNode
                ? "source record type" : "operator") + " it reads), so that each key's records meet in one place.";
        problem(node.where(), (operator.kind() == OperatorKind.WINDOW ? "windows records per key"
            : "uses keyed state") + " but its input is not keyed: no @KeyBy between " + between + " and it", fix);
      } else if (ends.size() > 1) {
        String union = unionOnTheWay(node.name(), inputOf);
        problem(node.where(), "uses keyed state after union '" + union + "' of keyed nodes "
                + ends.stream().map(JobNode::name).toList() + ", which run in separate stages",
            "Add @KeyBy(\"field\") to '" + union + "' (or an operator after it), so that the records of both inputs"
                + " meet in one keyed stage.");
      } else if (ends.size() == 1 && operator.kind() == OperatorKind.WINDOW) {
        new WindowTypes(problems).checkKey(operator, ends.get(0));
      }
    }
  }

  /**
   * The nodes that end the walk upstream from {@code start} (keyed nodes, sources, windows and late nodes), along
   * every input of a union; unresolved inputs and cycles end a path without a node.
   */
  private List<JobNode> upstreamEnds(String start, Map<String, List<String>> inputOf) {
    LinkedHashSet<String> ends = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> pending = new ArrayDeque<>(inputOf.get(start));
    while (!pending.isEmpty()) {
      String at = pending.poll();
      if (!seen.add(at) || !nodes.containsKey(at)) {
        continue;
      }
      if (nodes.get(at) instanceof OperatorNode side && side.kind() == OperatorKind.SIDE) {
        // a side output stays in its operator's stage, whatever that operator's own output does
        pending.addAll(inputOf.getOrDefault(side.declaredFrom().get(0), List.of()));
        continue;
      }
      if (endsTheWalk(nodes.get(at))) {
        ends.add(at);
      } else if (inputOf.containsKey(at)) {
        pending.addAll(inputOf.get(at));
      }
    }
    return ends.stream().map(nodes::get).toList();
  }

  /** The nearest union operator upstream of {@code start} (itself included), for messages. */
  private String unionOnTheWay(String start, Map<String, List<String>> inputOf) {
    ArrayDeque<String> pending = new ArrayDeque<>(List.of(start));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String at = pending.poll();
      if (!seen.add(at)) {
        continue;
      }
      List<String> inputs = inputOf.getOrDefault(at, List.of());
      if (inputs.size() > 1) {
        return at;
      }
      pending.addAll(inputs);
    }
    return start;
  }

  /**
   * An inference operator asks its model for a whole batch at once, before the batch's records run through the
   * stage one by one, so nothing between the stage's input and it may keep state: a stateful operator, window or
   * timer upstream of it must be in an earlier stage (docs/inference.md).
   */
  private void checkInferenceInputs(Map<String, List<String>> inputOf) {
    for (JobNode node : nodes.values()) {
      if (!(node instanceof OperatorNode inference) || inference.kind() != OperatorKind.INFERENCE
          || !inputOf.containsKey(inference.name())) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      Set<String> sideOwners = new HashSet<>();
      ArrayDeque<String> pending = new ArrayDeque<>(inputOf.get(inference.name()));
      while (!pending.isEmpty()) {
        String at = pending.poll();
        if (!seen.add(at) || !(nodes.get(at) instanceof OperatorNode upstream)
            || (upstream.keyed() && !sideOwners.contains(at))) {
          continue; // a keyed node's output leaves the stage, but not its side outputs
        }
        if (upstream.kind() == OperatorKind.SIDE) {
          sideOwners.add(upstream.declaredFrom().get(0));
        }
        if (upstream.stateful() || upstream.windowed() || upstream.takesTimers()) {
          problem(inference.where(), "calls a model in the same stage as " + (upstream.windowed() ? "window"
                  : "stateful operator") + " '" + upstream.name() + "', which it reads",
              "Model calls are made for a whole batch before its records meet state: add @KeyBy(\"field\") to '"
                  + inputOf.get(inference.name()).get(0) + "' (or to the operator after '" + upstream.name()
                  + "') so the model is called in the next stage, or call the model before '" + upstream.name()
                  + "'.");
          break;
        }
        pending.addAll(inputOf.getOrDefault(at, List.of()));
      }
    }
  }

  /**
   * A window or a window join follows event time: every source upstream of it (of each input, for a join) must declare
   * where its records carry it.
   */
  private void checkEventTime(Map<String, List<String>> inputOf) {
    for (JobNode node : nodes.values()) {
      if (!(node instanceof OperatorNode window) || !inputOf.containsKey(window.name())) {
        continue;
      }
      if (window.kind() == OperatorKind.WINDOW && window.window().spec().firesInRounds()
          && !window.window().spec().followsProcessingTime()) {
        checkEventTime(window, inputOf.get(window.name()), "windows by event time, but source '%s', which it reads,"
            + " declares none", inputOf);
      } else if (window.joins()) {
        String joins = window.kind() == OperatorKind.WINDOW_JOIN ? "joins in event-time windows"
            : "joins records whose event times lie within bounds";
        checkEventTime(window, List.of(window.join().left()), joins + ", but source '%s', which"
            + " its left input reads, declares none", inputOf);
        checkEventTime(window, List.of(window.join().right()), joins + ", but source '%s', which"
            + " its right input reads, declares none", inputOf);
      }
    }
  }

  private void checkEventTime(OperatorNode window, List<String> inputs, String problem,
      Map<String, List<String>> inputOf) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> pending = new ArrayDeque<>(inputs);
    while (!pending.isEmpty()) {
      String at = pending.poll();
      if (!seen.add(at)) {
        continue;
      }
      if (inputOf.containsKey(at)) {
        pending.addAll(inputOf.get(at));
        if (nodes.get(at) instanceof OperatorNode join && join.joins()) {
          pending.add(join.join().right());
        }
      } else if (nodes.get(at) instanceof SourceNode source && !source.type().isAnnotationPresent(EventTime.class)) {
        problem(window.where(), String.format(problem, source.name()),
            "Annotate the source record type " + source.where() + " with @EventTime(field = \"...\","
                + " maxOutOfOrderness = \"PT5S\"), naming the field that holds each record's time.");
      }
    }
  }

  private static boolean endsTheWalk(JobNode node) {
    return node.keyed() || node instanceof SourceNode || ((OperatorNode) node).windowed();
  }

  private void checkCycles(Map<String, List<String>> inputOf) {
    Set<String> reported = new HashSet<>();
    Set<String> done = new HashSet<>();
    for (String start : inputOf.keySet()) {
      findCycle(start, new LinkedHashSet<>(), done, reported, inputOf);
    }
  }

  /** Walks every input upstream of {@code at}, depth first, and reports the first cycle on each path once. */
  private void findCycle(String at, LinkedHashSet<String> path, Set<String> done, Set<String> reported,
      Map<String, List<String>> inputOf) {
    if (done.contains(at)) {
      return;
    }
    if (!path.add(at)) {
      if (reported.add(at)) {
        List<String> cycle = new ArrayList<>(path);
        cycle = cycle.subList(cycle.indexOf(at), cycle.size());
        reported.addAll(cycle);
        problem(nodes.get(at).where(), "is part of a cycle " + String.join(" <- ", cycle) + " <- " + at,
            "Streams flow one way from a source: make one of these operators read from a source or an operator"
                + " outside the cycle.");
      }
      return;
    }
    for (String input : inputOf.getOrDefault(at, List.of())) {
      findCycle(input, path, done, reported, inputOf);
    }
    path.remove(at);
    done.add(at);
  }

  private void checkEveryOutputIsUsed(Map<String, List<String>> inputOf) {
    Set<String> read = new HashSet<>();
    inputOf.values().forEach(read::addAll);
    inputOf.keySet().stream().map(nodes::get)
        .filter(n -> n instanceof OperatorNode o && o.joins())
        .forEach(n -> read.add(((OperatorNode) n).join().right()));
    inputOf.keySet().stream().map(nodes::get)
        .filter(n -> n instanceof OperatorNode o && o.readsBroadcast())
        .forEach(n -> read.add(((OperatorNode) n).broadcast().node()));
    for (JobNode node : nodes.values()) {
      boolean resolved = node instanceof SourceNode || inputOf.containsKey(node.name());
      if (!resolved) {
        continue;
      }
      if (node.outputType() == void.class) {
        continue; // a @KeyedProcess that only updates state
      }
      if (node instanceof OperatorNode side && side.kind() == OperatorKind.SIDE && !read.contains(node.name())) {
        problem(node.where(), "its side output '" + node.name() + "' is read by no operator",
            "Read it with from = \"" + node.name() + "\" (e.g. a @MapEach with a @Sink), or remove the SideOutput"
                + " parameter.");
      } else if (node instanceof OperatorNode late && late.kind() == OperatorKind.LATE
          && !read.contains(node.name())) {
        problem(node.where(), "its late node '" + node.name() + "' is read by no operator",
            "Read it with from = \"" + node.name() + "\" (e.g. a @MapEach with a @Sink), or remove late: records later"
                + " than the allowed lateness then go to the dead-letter table.");
      } else if (node.keyed() && !read.contains(node.name())) {
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
    nodes.values().stream().filter(n -> n instanceof OperatorNode o && o.joins())
        .forEach(n -> repartitionStreams.add(ResourceNames.joinStream(jobName, n.name())));
    Map<String, SinkDeclaration> byTarget = new HashMap<>();
    for (JobNode node : nodes.values()) {
      for (SinkDeclaration sink : node.sinks()) {
        SinkDeclaration sameTarget = sink.kind() == OutputKind.STREAM ? byTarget.putIfAbsent(sink.target(), sink) : null;
        if (sameTarget != null && sameTarget.transport() != sink.transport()) {
          problem(sink.where(), "writes to '" + sink.target() + "' as a " + noun(sink) + ", but " + sameTarget.where()
              + " writes to it as a " + noun(sameTarget), "Give the stream and the topic different names.");
        }
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
            + "' is also the name of the repartition stream Runnel creates for a key-by or a join",
            "Rename the source stream or the keyed operator.");
      }
    }
  }

  private static String noun(SinkDeclaration sink) {
    return sink.transport() == StreamTransport.KAFKA ? "Kafka topic" : "Kinesis stream";
  }

  private void problem(String where, String problem, String fix) {
    problems.add(new JobProblem(where, problem, fix));
  }
}
