package dev.runnel.planner;

import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
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
      List<OperatorSpec> operators = new ArrayList<>();
      List<OutputSpec> outputs = new ArrayList<>();
      if (root instanceof SourceNode) {
        addSinks(root, outputs);
      }
      fuse(root.name(), operators, outputs, pending, shards);
      String keyField = root instanceof OperatorNode op ? op.keyField() : null;
      stages.add(new StageSpec(ResourceNames.stageId(graph.jobName(), stages.size() + 1), input, keyField,
          operators, outputs, List.of(), BatchingSpec.DEFAULT));
    }
    String deadLetters = ResourceNames.deadLetterTable(graph.jobName());
    tables.put(deadLetters, new TableSpec(deadLetters, TableRole.DEAD_LETTER, "source", "position"));
    return new Plan(Plan.FORMAT, graph.jobName(), graph.jobClass().getName(), List.copyOf(streams.values()),
        List.copyOf(tables.values()), stages);
  }

  /** Adds the operators reading {@code node} to the stage, recursing until a key-by ends the stage's reach. */
  private void fuse(String node, List<OperatorSpec> operators, List<OutputSpec> outputs, Deque<StageInput> pending,
      int shards) {
    for (OperatorNode operator : graph.consumersOf(node)) {
      operators.add(new OperatorSpec(operator.name(), operator.kind(), operator.name(), node,
          operator.inputType().getName(), operator.outputType().getName()));
      addSinks(operator, outputs);
      if (operator.keyed()) {
        String stream = ResourceNames.repartitionStream(graph.jobName(), operator.name());
        int keyShards = operator.keyShards() > 0 ? operator.keyShards() : shards;
        streams.put(stream, new StreamSpec(stream, keyShards, StreamRole.REPARTITION));
        outputs.add(new OutputSpec(stream, OutputKind.REPARTITION, operator.name(), stream, operator.keyField(),
            operator.outputType().getName()));
        pending.add(new StageInput(stream, operator.name(), operator.outputType().getName(), "json"));
      } else {
        fuse(operator.name(), operators, outputs, pending, shards);
      }
    }
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
