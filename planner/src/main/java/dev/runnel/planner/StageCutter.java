package dev.runnel.planner;

import dev.runnel.plan.BatchingSpec;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  /** The stage writing each repartition stream. */
  private final Map<String, String> writerOf = new HashMap<>();
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
      stageId = ResourceNames.stageId(graph.jobName(), stages.size() + 1);
      int shards = streams.get(input.stream()).shards();
      JobNode root = graph.nodes().get(input.node());
      boolean readsSource = root instanceof SourceNode && input.stream().equals(root.name());
      List<OperatorSpec> operators = new ArrayList<>();
      List<OutputSpec> outputs = new ArrayList<>();
      List<StateSpec> states = new ArrayList<>();
      if (readsSource) {
        addSinks(root, outputs);
      }
      if (readsSource && root.keyed()) {
        repartition(root, outputs, pending, shards); // the source stage only re-keys
      } else {
        fuse(root.name(), operators, outputs, states, pending, shards);
      }
      String keyField = readsSource ? null : root.keyField();
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
        String upstream = writerOf.get(stage.input().stream());
        return stage.withTime(upstream == null ? new TimeSpec(List.of(), 0)
            : new TimeSpec(List.of(upstream), graph.tickSeconds()));
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
   * Adds the operators reading {@code node} to the stage, recursing until a key-by ends the stage's reach. A window's
   * late node follows the window at once, and what reads it stays in the window's stage.
   */
  private void fuse(String node, List<OperatorSpec> operators, List<OutputSpec> outputs, List<StateSpec> states,
      Deque<StageInput> pending, int shards) {
    String table = ResourceNames.stateTable(graph.jobName());
    for (OperatorNode operator : graph.consumersOf(node)) {
      if (operator.kind() == OperatorKind.LATE) {
        continue; // added right after its window, below
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
        operators.add(new OperatorSpec(operator.name(), operator.kind(), operator.name(), node,
            operator.inputType().getName(), operator.outputType().getName(), null, operator.onTimer(),
            operator.inference()));
        for (StateDeclaration state : operator.states()) {
          states.add(new StateSpec(state.name(), operator.name(), state.kind(), table, state.typeArguments(),
              state.function(), state.ttlSeconds()));
        }
        if (operator.takesTimers()) {
          states.add(new StateSpec(StateParameters.TIMERS, operator.name(), StateKind.TIMERS, table, List.of(), null,
              0));
        }
      }
      addSinks(operator, outputs);
      if (late != null) {
        operators.add(new OperatorSpec(late.name(), OperatorKind.LATE, "", operator.name(), records, records));
      }
      if (operator.keyed()) {
        repartition(operator, outputs, pending, shards);
      } else {
        fuse(operator.name(), operators, outputs, states, pending, shards);
      }
      if (late != null) {
        fuse(late.name(), operators, outputs, states, pending, shards);
      }
    }
  }

  /** Writes the node's output to its repartition stream, read by a new stage of the node's consumers. */
  private void repartition(JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending, int shards) {
    String stream = ResourceNames.repartitionStream(graph.jobName(), node.name());
    int keyShards = node.keyShards() > 0 ? node.keyShards() : shards;
    streams.put(stream, new StreamSpec(stream, keyShards, StreamRole.REPARTITION, graph.edges()));
    writerOf.put(stream, stageId);
    outputs.add(new OutputSpec(stream, OutputKind.REPARTITION, node.name(), stream, node.keyField(),
        node.outputType().getName()));
    pending.add(new StageInput(stream, node.name(), node.outputType().getName(), "json"));
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
