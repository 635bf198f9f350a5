package dev.runnel.planner;

import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.BroadcastSpec;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.plan.TimeSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a valid job graph into function stages: one stage per source, and one per key-by. Consecutive operators
 * between those cuts are fused into one stage, so a record crosses the network only where it must change shard.
 * In a job with event time, windows or timers, every stage also learns whose watermarks it follows and how often it
 * is woken without records.
 */
final class StageCutter {
  private final JobGraph graph;
  private final Map<String, StreamSpec> streams = new LinkedHashMap<>();
  private final Map<String, TableSpec> tables = new LinkedHashMap<>();
  private final List<StageSpec> stages = new ArrayList<>();
  /**
   * The stages writing each repartition stream: one, several when a union before a key-by runs in several, or for a
   * join's stream the stages of its two inputs.
   */
  private final Map<String, Set<String>> writersOf = new HashMap<>();
  /** Repartition streams already queued for the stage reading them. */
  private final Set<String> queued = new HashSet<>();
  /** The sides of each join's stream written so far; its stage is cut once both are. */
  private final Map<String, Set<JoinSide>> joinSidesWritten = new HashMap<>();
  /** The join reading each join stream whose stage is pending or cut. */
  private final Map<String, OperatorNode> joinOfStream = new HashMap<>();
  /** The sides of each broadcast operator's stream written so far; its stage is cut once both are. */
  private final Map<String, Set<JoinSide>> broadcastSidesWritten = new HashMap<>();
  /** The broadcast operator reading each such stream whose stage is pending or cut. */
  private final Map<String, OperatorNode> broadcastOfStream = new HashMap<>();
  /** The id of the stage being cut. */
  private String stageId;

  private final List<ModelSpec> models;

  StageCutter(JobGraph graph, List<ModelSpec> models) {
    this.graph = graph;
    this.models = List.copyOf(models);
  }

  /** The plan of the graph. */
  Plan plan() {
    Deque<StageInput> pending = new ArrayDeque<>();
    for (SourceNode source : graph.sources()) {
      streams.put(source.name(), new StreamSpec(source.name(), source.shards(), StreamRole.SOURCE, source.transport()));
      pending.add(new StageInput(source.name(), source.name(), source.type().getName(), source.codec(),
          source.eventTime(), source.decoding(), source.ids()));
    }
    while (!pending.isEmpty()) {
      StageInput input = pending.poll();
      if (writtenByAnother(input, pending)) {
        pending.add(input); // cut the stage reading a stream after every stage writing it
        continue;
      }
      stageId = ResourceNames.stageId(graph.jobName(), stages.size() + 1);
      int shards = streams.get(input.stream()).shards();
      JobNode root = graph.nodes().get(input.node());
      OperatorNode join = joinOfStream.get(input.stream());
      OperatorNode broadcasting = broadcastOfStream.get(input.stream());
      boolean readsSource = root instanceof SourceNode && input.stream().equals(root.name());
      List<OperatorSpec> operators = new ArrayList<>();
      List<OutputSpec> outputs = new ArrayList<>();
      List<StateSpec> states = new ArrayList<>();
      if (readsSource) {
        addSinks(root, outputs);
        broadcastFrom(root, outputs, pending);
      }
      if (join != null) {
        addJoin(join, input.node(), operators, outputs, states, pending, shards);
      } else if (broadcasting != null) {
        addBroadcasting(broadcasting, input.node(), operators, outputs, states, pending, shards);
      } else if (readsSource && root.keyed()) {
        repartition(root, outputs, pending, shards); // the source stage only re-keys
      } else {
        new Fusion(root.name(), reach(root.name()), operators, outputs, states, pending, shards).fuse(root.name());
      }
      // a join's stage is keyed by both inputs' key fields, of one type; the plan names the left one
      // a broadcast operator's stage is keyed by its keyed input's key field (its broadcast records by none)
      String keyField = join != null ? graph.nodes().get(join.join().left()).keyField()
          : broadcasting != null ? graph.nodes().get(graph.inputOf().get(broadcasting.name()).get(0)).keyField()
          : readsSource ? null : root.keyField();
      stages.add(new StageSpec(stageId, input, keyField, operators, outputs, states, BatchingSpec.DEFAULT));
    }
    String deadLetters = ResourceNames.deadLetterTable(graph.jobName());
    tables.put(deadLetters, new TableSpec(deadLetters, TableRole.DEAD_LETTER, "source", "position",
        TableSpec.DEAD_LETTER_TTL, graph.deadLetterRetentionSeconds()));
    if (stages.stream().anyMatch(stage -> !stage.state().isEmpty() || stage.input().ids() != null)) {
      // keyed state, or a source whose copies are applied once: both need the exactly-once protocol
      stages.replaceAll(stage -> stage.withBatching(BatchingSpec.EXACTLY_ONCE));
      String state = ResourceNames.stateTable(graph.jobName());
      String checkpoints = ResourceNames.checkpointTable(graph.jobName());
      tables.put(state, new TableSpec(state, TableRole.STATE, "pk", null));
      tables.put(checkpoints, new TableSpec(checkpoints, TableRole.CHECKPOINT, "pk", null));
    }
    // the state-log table is added with the stages' layouts (StateLayouts), once their parallelization is known
    if (graph.timed()) {
      // A stage reading a source takes its watermark from event times; any other follows the stage writing its
      // input, and is woken by a tick so that windows and timers fire on a quiet stream.
      stages.replaceAll(stage -> {
        Set<String> upstream = writersOf.get(stage.input().stream());
        return stage.withTime(upstream == null ? new TimeSpec(List.of(), 0)
            : new TimeSpec(List.copyOf(upstream), graph.tickSeconds()));
      });
      String progress = ResourceNames.progressTable(graph.jobName());
      tables.put(progress, new TableSpec(progress, TableRole.PROGRESS, "stage", "shard"));
    }
    if (graph.firesTimers()) {
      String timers = ResourceNames.timersTable(graph.jobName());
      tables.put(timers, new TableSpec(timers, TableRole.TIMERS, "pk", "sk"));
    }
    if (stages.stream().flatMap(stage -> stage.operators().stream()).anyMatch(o -> o.inference() != null)) {
      String results = ResourceNames.inferenceResultsTable(graph.jobName());
      tables.put(results, new TableSpec(results, TableRole.INFERENCE_RESULTS, "pk", "sk"));
      if (models.stream().anyMatch(m -> m.limits().requestsPerMinute() > 0 || m.limits().tokensPerMinute() > 0)) {
        String limits = ResourceNames.rateLimitsTable(graph.jobName());
        tables.put(limits, new TableSpec(limits, TableRole.RATE_LIMITS, "bucket", null));
      }
    }
    return new Plan(Plan.FORMAT, graph.jobName(), graph.jobClass().getName(), List.copyOf(streams.values()),
        List.copyOf(tables.values()), stages, models);
  }

  /**
   * True when a stage still to be cut also writes {@code input}'s repartition stream (a keyed node after a union runs
   * in the stage of each of the union's inputs): the stage reading it is cut after all of them.
   */
  private boolean writtenByAnother(StageInput input, Deque<StageInput> pending) {
    if (graph.nodes().get(input.node()) instanceof SourceNode source && source.name().equals(input.stream())) {
      return false;
    }
    for (StageInput other : pending) {
      OperatorNode join = joinOfStream.containsKey(other.stream()) ? joinOfStream.get(other.stream())
          : broadcastOfStream.get(other.stream());
      JobNode root = join != null ? join : graph.nodes().get(other.node());
      boolean readsSource = root instanceof SourceNode && other.stream().equals(root.name());
      if (readsSource && root.keyed() ? root.name().equals(input.node()) : reach(root.name()).contains(input.node())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The operators fused into the stage reading {@code root}: its consumers and theirs, up to each key-by. A side
   * output is in the stage of its operator, also when that operator's own output is keyed, so never in the stage
   * reading that output. A join is never fused: it starts a stage of its own, reading its stream.
   */
  private Set<String> reach(String root) {
    Set<String> reach = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      String node = pending.poll();
      boolean keyedHere = !node.equals(root) && graph.nodes().get(node).keyed();
      for (OperatorNode operator : graph.consumersOf(node)) {
        // a keyed node's readers run in the next stage, but its side outputs here; the root's ran in the stage before
        boolean elsewhere = operator.kind() == OperatorKind.SIDE ? node.equals(root)
            : keyedHere || operator.joins() || operator.readsBroadcast();
        if (!elsewhere && reach.add(operator.name())) {
          pending.add(operator.name());
        }
      }
    }
    return reach;
  }

  /** The operators, outputs and states of one stage, added as the stage's nodes are fused. */
  private final class Fusion {
    /** The stage's nodes: its input node and the operators fused with it. */
    private final Set<String> reach;
    private final Set<String> added = new HashSet<>();
    private final List<OperatorSpec> operators;
    private final List<OutputSpec> outputs;
    private final List<StateSpec> states;
    private final Deque<StageInput> pending;
    private final int shards;

    Fusion(String root, Set<String> reach, List<OperatorSpec> operators, List<OutputSpec> outputs, List<StateSpec> states,
        Deque<StageInput> pending, int shards) {
      this.reach = new HashSet<>(reach);
      this.reach.add(root);
      this.operators = operators;
      this.outputs = outputs;
      this.states = states;
      this.pending = pending;
      this.shards = shards;
    }

    /**
     * Adds the operators reading {@code node} to the stage, recursing until a key-by ends the stage's reach. A
     * window's late node follows the window at once, and what reads it stays in the window's stage. A union joins
     * once all of its inputs in this stage are in; it reads those ({@code from}, then {@code alsoFrom}).
     */
    void fuse(String node) {
      added.add(node);
      String table = ResourceNames.stateTable(graph.jobName());
      for (OperatorNode operator : graph.consumersOf(node)) {
        if (operator.kind() == OperatorKind.LATE || operator.kind() == OperatorKind.SIDE
            || added.contains(operator.name())) {
          continue; // late nodes and side outputs are added right after their operator, below
        }
        if (operator.joins() || operator.readsBroadcast()) {
          continue; // a join or broadcast operator starts a stage of its own, reading its stream
        }
        List<String> inStage = graph.inputOf().get(operator.name()).stream()
            .filter(reach::contains).toList();
        if (!added.containsAll(inStage)) {
          continue; // a union: added when its last input in this stage is
        }
        String records = graph.nodes().get(node).outputType().getName();
        OperatorNode late = null;
        if (operator.kind() == OperatorKind.WINDOW) {
          WindowDeclaration window = operator.window();
          operators.add(new OperatorSpec(operator.name(), OperatorKind.WINDOW, operator.name(), node, records,
              operator.outputType().getName(), window.spec(), null));
          states.add(new StateSpec("window", operator.name(), StateKind.WINDOW, table,
              window.fullWindow() ? List.of(records) : window.function() == null ? List.of()
                  : List.of(window.functionTypes().get(1).getTypeName()),
              window.function() == null ? null : window.function().getName(), 0));
          late = window.spec().lateNode() == null ? null : (OperatorNode) graph.nodes().get(window.spec().lateNode());
        } else {
          operators.add(new OperatorSpec(operator.name(), operator.kind(), operator.name(), inStage.get(0),
              operator.inputType().getName(), operator.outputType().getName(), null, operator.onTimer(),
              operator.inference(), inStage.subList(1, inStage.size())));
          for (StateDeclaration state : operator.states()) {
            states.add(new StateSpec(state.name(), operator.name(), state.kind(), table, state.typeArguments(),
                state.function(), state.ttlSeconds()));
          }
          if (operator.takesTimers()) {
            states.add(new StateSpec(StateParameters.TIMERS, operator.name(), StateKind.TIMERS, table, List.of(),
                null, 0));
          }
        }
        addSinks(operator, outputs);
        broadcastFrom(operator, outputs, pending);
        if (late != null) {
          operators.add(new OperatorSpec(late.name(), OperatorKind.LATE, "", operator.name(), records, records));
          broadcastFrom(late, outputs, pending);
        }
        List<OperatorNode> sides = addSides(operator, operators, outputs, pending);
        if (operator.keyed()) {
          added.add(operator.name());
          repartition(operator, outputs, pending, shards);
        } else {
          fuse(operator.name());
        }
        if (late != null) {
          fuse(late.name());
        }
        for (OperatorNode side : sides) {
          fuse(side.name());
        }
      }
    }
  }

  /** Adds the side outputs of {@code operator} right after it; they run in its stage. */
  private List<OperatorNode> addSides(OperatorNode operator, List<OperatorSpec> operators, List<OutputSpec> outputs,
      Deque<StageInput> pending) {
    List<OperatorNode> sides = graph.consumersOf(operator.name()).stream()
        .filter(o -> o.kind() == OperatorKind.SIDE).toList();
    for (OperatorNode side : sides) {
      String type = side.outputType().getName();
      operators.add(new OperatorSpec(side.name(), OperatorKind.SIDE, "", operator.name(), type, type));
      broadcastFrom(side, outputs, pending);
    }
    return sides;
  }

  /**
   * The broadcast operator, first in its stage, reading its keyed input's records and its broadcast records, tagged
   * by side, from its stream (docs/broadcast.md); then its side outputs and what reads it.
   */
  private void addBroadcasting(OperatorNode operator, String streamNode, List<OperatorSpec> operators,
      List<OutputSpec> outputs, List<StateSpec> states, Deque<StageInput> pending, int shards) {
    BroadcastDeclaration declared = operator.broadcast();
    BroadcastSpec spec = new BroadcastSpec(declared.node(), graph.nodes().get(declared.node()).outputType().getName(),
        declared.onBroadcast(), declared.stateTypes().get(0), declared.stateTypes().get(1));
    operators.add(new OperatorSpec(operator.name(), operator.name(), streamNode, operator.inputType().getName(),
        operator.outputType().getName(), operator.onTimer(), spec));
    String table = ResourceNames.stateTable(graph.jobName());
    for (StateDeclaration state : operator.states()) {
      states.add(new StateSpec(state.name(), operator.name(), state.kind(), table, state.typeArguments(),
          state.function(), state.ttlSeconds()));
    }
    if (operator.takesTimers()) {
      states.add(new StateSpec(StateParameters.TIMERS, operator.name(), StateKind.TIMERS, table, List.of(), null, 0));
    }
    states.add(new StateSpec("broadcast", operator.name(), StateKind.BROADCAST, table, declared.stateTypes(), null,
        0));
    addSinks(operator, outputs);
    broadcastFrom(operator, outputs, pending);
    List<OperatorNode> sides = addSides(operator, operators, outputs, pending);
    Set<String> reach = new HashSet<>(reach(operator.name()));
    for (OperatorNode side : sides) {
      reach.add(side.name()); // the operator's side outputs run here, with it
      reach.addAll(reach(side.name()));
    }
    Fusion fusion = new Fusion(operator.name(), reach, operators, outputs, states, pending, shards);
    if (operator.keyed()) {
      repartition(operator, outputs, pending, shards);
    } else {
      fusion.fuse(operator.name());
    }
    for (OperatorNode side : sides) {
      fusion.fuse(side.name());
    }
  }

  /**
   * Writes a copy of each of the node's records to every shard of the stream of each operator broadcasting it,
   * tagged {@code broadcast}; that operator's stage is cut once its keyed input writes there too.
   */
  private void broadcastFrom(JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending) {
    for (OperatorNode reader : graph.broadcastsReading(node.name())) {
      String stream = ResourceNames.joinStream(graph.jobName(), reader.name());
      JobNode keyedInput = graph.nodes().get(graph.inputOf().get(reader.name()).get(0));
      streams.merge(stream, new StreamSpec(stream, Math.max(1, keyedInput.keyShards()), StreamRole.REPARTITION),
          (earlier, later) -> earlier.shards() >= later.shards() ? earlier : later);
      writersOf.computeIfAbsent(stream, s -> new LinkedHashSet<>()).add(stageId);
      outputs.add(new OutputSpec(reader.name() + "." + JoinSide.BROADCAST.tag(), OutputKind.BROADCAST, node.name(),
          stream, null, node.outputType().getName(), JoinSide.BROADCAST));
      sideWritten(reader, stream, JoinSide.BROADCAST, pending);
    }
  }

  /** Writes the keyed node's records, tagged {@code data}, to the stream of the broadcast operator reading them. */
  private void feedBroadcasting(OperatorNode reader, JobNode node, List<OutputSpec> outputs,
      Deque<StageInput> pending, int shards) {
    String stream = ResourceNames.joinStream(graph.jobName(), reader.name());
    int keyShards = node.keyShards() > 0 ? node.keyShards() : shards;
    streams.merge(stream, new StreamSpec(stream, keyShards, StreamRole.REPARTITION),
        (earlier, later) -> earlier.shards() >= later.shards() ? earlier : later);
    writersOf.computeIfAbsent(stream, s -> new LinkedHashSet<>()).add(stageId);
    outputs.add(new OutputSpec(reader.name() + "." + JoinSide.DATA.tag(), OutputKind.REPARTITION, node.name(), stream,
        node.keyField(), node.outputType().getName(), JoinSide.DATA));
    sideWritten(reader, stream, JoinSide.DATA, pending);
  }

  private void sideWritten(OperatorNode reader, String stream, JoinSide side, Deque<StageInput> pending) {
    Set<JoinSide> written = broadcastSidesWritten.computeIfAbsent(stream, s -> EnumSet.noneOf(JoinSide.class));
    written.add(side);
    if (written.size() == 2 && broadcastOfStream.putIfAbsent(stream, reader) == null) {
      pending.add(new StageInput(stream, stream, BroadcastSpec.TAGGED_RECORDS, "json"));
    }
  }

  /**
   * The join operator, first in its stage, reading the records of both its inputs tagged by side from its stream,
   * then what reads the join.
   */
  private void addJoin(OperatorNode join, String streamNode, List<OperatorSpec> operators, List<OutputSpec> outputs,
      List<StateSpec> states, Deque<StageInput> pending, int shards) {
    JoinDeclaration declared = join.join();
    JobNode left = graph.nodes().get(declared.left());
    JobNode right = graph.nodes().get(declared.right());
    JoinSpec spec = new JoinSpec(left.name(), right.name(), left.outputType().getName(),
        right.outputType().getName(), left.keyField(), right.keyField(), declared.takesWindow(),
        declared.lowerBound(), declared.upperBound());
    operators.add(new OperatorSpec(join.name(), join.kind(), join.name(), streamNode,
        JoinSpec.TAGGED_RECORDS, join.outputType().getName(), declared.window(), null, null, spec));
    String table = ResourceNames.stateTable(graph.jobName());
    List<String> sides = List.of(JoinSpec.TAGGED_RECORDS, spec.leftType(), spec.rightType());
    if (spec.interval()) {
      // both inputs' buffered records with their times and sides, and the timers that drop them
      states.add(new StateSpec("buffers", join.name(), StateKind.VALUE, table, sides, null, 0));
      states.add(new StateSpec(StateParameters.TIMERS, join.name(), StateKind.TIMERS, table, List.of(), null, 0));
    } else {
      states.add(new StateSpec("window", join.name(), StateKind.WINDOW, table, sides, null, 0));
    }
    addSinks(join, outputs);
    broadcastFrom(join, outputs, pending);
    if (join.keyed()) {
      repartition(join, outputs, pending, shards);
    } else {
      new Fusion(join.name(), reach(join.name()), operators, outputs, states, pending, shards).fuse(join.name());
    }
  }

  /**
   * Writes the node's output to its repartition stream, read by a new stage of the node's consumers, and to the
   * stream of each join reading it, tagged by side.
   */
  private void repartition(JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending, int shards) {
    if (graph.consumersOf(node.name()).stream().anyMatch(consumer -> !consumer.joins()
        && !consumer.readsBroadcast())) {
      repartitionPlain(node, outputs, pending, shards);
    }
    for (OperatorNode reader : graph.consumersOf(node.name())) {
      if (reader.readsBroadcast()) {
        feedBroadcasting(reader, node, outputs, pending, shards);
      }
    }
    for (OperatorNode join : graph.joinsReading(node.name())) {
      feedJoin(join, node, outputs, pending, shards);
    }
  }

  /**
   * Writes the node's records, tagged by side, to the join's stream. Its shards are the {@code @KeyBy(shards)} of
   * either input (they agree when both set it), else the most of the streams feeding the inputs' stages. The join's
   * stage is cut once both inputs write to it.
   */
  private void feedJoin(OperatorNode join, JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending,
      int shards) {
    JoinSide side = join.join().left().equals(node.name()) ? JoinSide.LEFT : JoinSide.RIGHT;
    String stream = ResourceNames.joinStream(graph.jobName(), join.name());
    int declared = Math.max(graph.nodes().get(join.join().left()).keyShards(),
        graph.nodes().get(join.join().right()).keyShards());
    StreamSpec spec = new StreamSpec(stream, declared > 0 ? declared : shards, StreamRole.REPARTITION, graph.edges());
    streams.merge(stream, spec, (earlier, later) -> earlier.shards() >= later.shards() ? earlier : later);
    writersOf.computeIfAbsent(stream, s -> new LinkedHashSet<>()).add(stageId);
    outputs.add(new OutputSpec(join.name() + "." + side.tag(), OutputKind.REPARTITION, node.name(), stream,
        node.keyField(), node.outputType().getName(), side));
    Set<JoinSide> written = joinSidesWritten.computeIfAbsent(stream, s -> EnumSet.noneOf(JoinSide.class));
    written.add(side);
    if (written.size() == 2 && joinOfStream.putIfAbsent(stream, join) == null) {
      pending.add(new StageInput(stream, stream, JoinSpec.TAGGED_RECORDS, "json"));
    }
  }

  /** Writes the node's output to its repartition stream, read by a new stage of the node's consumers. */
  private void repartitionPlain(JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending, int shards) {
    String stream = ResourceNames.repartitionStream(graph.jobName(), node.name());
    int keyShards = node.keyShards() > 0 ? node.keyShards() : shards;
    streams.putIfAbsent(stream, new StreamSpec(stream, keyShards, StreamRole.REPARTITION, graph.edges()));
    writersOf.computeIfAbsent(stream, s -> new LinkedHashSet<>()).add(stageId);
    outputs.add(new OutputSpec(stream, OutputKind.REPARTITION, node.name(), stream, node.keyField(),
        node.outputType().getName()));
    if (queued.add(stream)) {
      pending.add(new StageInput(stream, node.name(), node.outputType().getName(), "json"));
    }
  }

  private void addSinks(JobNode node, List<OutputSpec> outputs) {
    for (SinkDeclaration sink : node.sinks()) {
      outputs.add(new OutputSpec(sink.name(), sink.kind(), node.name(), sink.target(), sink.key(),
          node.outputType().getName()));
      if (sink.kind() == OutputKind.STREAM) {
        streams.putIfAbsent(sink.target(), new StreamSpec(sink.target(), sink.shards(), StreamRole.SINK,
            sink.transport()));
      } else if (sink.kind() == OutputKind.TABLE) {
        tables.putIfAbsent(sink.target(), new TableSpec(sink.target(), TableRole.SINK, sink.key(), null));
      }
    }
  }
}
