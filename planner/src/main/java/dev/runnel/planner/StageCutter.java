package dev.runnel.planner;

import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a valid job graph into function stages: one stage per source, and one per key-by. Consecutive operators
 * between those cuts are fused into one stage, so a record crosses the network only where it must change shard.
 */
final class StageCutter {
  private final JobGraph graph;
  private final Map<String, StreamSpec> streams = new LinkedHashMap<>();
  private final Map<String, TableSpec> tables = new LinkedHashMap<>();
  private final List<StageSpec> stages = new ArrayList<>();

  StageCutter(JobGraph graph) {
    this.graph = graph;
  }

  /** The plan of the graph. */
  Plan plan() {
    Deque<StageInput> pending = new ArrayDeque<>();
    for (SourceNode source : graph.sources()) {
      streams.put(source.name(), new StreamSpec(source.name(), source.shards(), StreamRole.SOURCE));
      pending.add(new StageInput(source.name(), source.name(), source.type().getName(), source.codec()));
    }
    while (!pending.isEmpty()) {
      StageInput input = pending.poll();
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
      stages.add(new StageSpec(ResourceNames.stageId(graph.jobName(), stages.size() + 1), input, keyField,
          operators, outputs, states, BatchingSpec.DEFAULT));
    }
    String deadLetters = ResourceNames.deadLetterTable(graph.jobName());
    tables.put(deadLetters, new TableSpec(deadLetters, TableRole.DEAD_LETTER, "source", "position"));
    if (stages.stream().anyMatch(stage -> !stage.state().isEmpty())) {
      stages.replaceAll(stage -> new StageSpec(stage.id(), stage.input(), stage.keyField(), stage.operators(),
          stage.outputs(), stage.state(), BatchingSpec.EXACTLY_ONCE));
      String state = ResourceNames.stateTable(graph.jobName());
      String checkpoints = ResourceNames.checkpointTable(graph.jobName());
      tables.put(state, new TableSpec(state, TableRole.STATE, "pk", null));
      tables.put(checkpoints, new TableSpec(checkpoints, TableRole.CHECKPOINT, "pk", null));
    }
    return new Plan(Plan.FORMAT, graph.jobName(), graph.jobClass().getName(), List.copyOf(streams.values()),
        List.copyOf(tables.values()), stages);
  }

  /** Adds the operators reading {@code node} to the stage, recursing until a key-by ends the stage's reach. */
  private void fuse(String node, List<OperatorSpec> operators, List<OutputSpec> outputs, List<StateSpec> states,
      Deque<StageInput> pending, int shards) {
    for (OperatorNode operator : graph.consumersOf(node)) {
      operators.add(new OperatorSpec(operator.name(), operator.kind(), operator.name(), node,
          operator.inputType().getName(), operator.outputType().getName()));
      for (StateDeclaration state : operator.states()) {
        states.add(new StateSpec(state.name(), operator.name(), state.kind(),
            ResourceNames.stateTable(graph.jobName()), state.typeArguments(), state.function(), state.ttlSeconds()));
      }
      addSinks(operator, outputs);
      if (operator.keyed()) {
        repartition(operator, outputs, pending, shards);
      } else {
        fuse(operator.name(), operators, outputs, states, pending, shards);
      }
    }
  }

  /** Writes the node's output to its repartition stream, read by a new stage of the node's consumers. */
  private void repartition(JobNode node, List<OutputSpec> outputs, Deque<StageInput> pending, int shards) {
    String stream = ResourceNames.repartitionStream(graph.jobName(), node.name());
    int keyShards = node.keyShards() > 0 ? node.keyShards() : shards;
    streams.put(stream, new StreamSpec(stream, keyShards, StreamRole.REPARTITION));
    outputs.add(new OutputSpec(stream, OutputKind.REPARTITION, node.name(), stream, node.keyField(),
        node.outputType().getName()));
    pending.add(new StageInput(stream, node.name(), node.outputType().getName(), "json"));
  }

  private void addSinks(JobNode node, List<OutputSpec> outputs) {
    for (SinkDeclaration sink : node.sinks()) {
      outputs.add(new OutputSpec(sink.name(), sink.kind(), node.name(), sink.target(), sink.key(),
          node.outputType().getName()));
      if (sink.kind() == OutputKind.STREAM) {
        streams.putIfAbsent(sink.target(), new StreamSpec(sink.target(), sink.shards(), StreamRole.SINK));
      } else if (sink.kind() == OutputKind.TABLE) {
        tables.putIfAbsent(sink.target(), new TableSpec(sink.target(), TableRole.SINK, sink.key(), null));
      }
    }
  }
}
