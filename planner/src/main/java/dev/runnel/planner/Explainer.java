package dev.runnel.planner;

import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableSpec;

/** Explains a plan: its stage graph as readable text, or as a Mermaid flowchart. */
public final class Explainer {
  private Explainer() {}

  /** The stage graph as text: one block per stage, its input, fused operators and outputs. */
  public static String text(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("job ").append(plan.job()).append(" (").append(plan.jobClass()).append("), ")
        .append(plan.stages().size()).append(plan.stages().size() == 1 ? " stage" : " stages")
        .append(plan.tables(dev.runnel.plan.TableRole.CHECKPOINT).isEmpty() ? ", at least once" : ", exactly once")
        .append(", plan ").append(plan.format()).append('\n');
    for (StageSpec stage : plan.stages()) {
      StreamSpec input = plan.stream(stage.input().stream()).orElseThrow();
      out.append('\n').append("stage ").append(stage.id()).append("  reads ").append(input.name())
          .append(" (").append(input.shards()).append(input.shards() == 1 ? " shard" : " shards")
          .append(", ").append(simple(stage.input().type())).append(", ").append(stage.input().codec())
          .append(stage.keyed() ? ", keyed by " + stage.keyField() : "").append(")")
          .append("  batch ").append(stage.batching().batchSize())
          .append(", window ").append(stage.batching().batchingWindowSeconds()).append(" s")
          .append(stage.batching().maximumRetryAttempts() < 0 ? ", retries until done" : "").append('\n');
      for (OperatorSpec operator : stage.operators()) {
        out.append(String.format("  %-10s %-8s %s -> %s   (reads %s)%n", operator.name(),
            operator.kind().name().toLowerCase().replace('_', '-'), simple(operator.inputType()),
            simple(operator.outputType()), operator.from()));
        appendStates(out, stage, operator.name());
        appendOutputs(out, stage, operator.name());
      }
      if (stage.operators().isEmpty()) {
        appendOutputs(out, stage, stage.input().node());
      }
    }
    out.append('\n').append("dead letters: table ").append(plan.deadLetterTable().name()).append('\n');
    return out.toString();
  }

  private static void appendStates(StringBuilder out, StageSpec stage, String operator) {
    for (StateSpec state : stage.state()) {
      if (state.operator().equals(operator)) {
        out.append("      state ").append(state.name()).append(": ").append(state.kind().name().toLowerCase())
            .append('<').append(String.join(", ", state.typeArguments().stream().map(Explainer::simple).toList()))
            .append('>').append(state.ttlSeconds() > 0 ? ", ttl " + state.ttlSeconds() + " s" : "")
            .append(" in table ").append(state.table()).append('\n');
      }
    }
  }

  private static void appendOutputs(StringBuilder out, StageSpec stage, String node) {
    for (OutputSpec output : stage.outputs()) {
      if (!output.from().equals(node)) {
        continue;
      }
      String key = output.keyField() == null ? "" : " (key " + output.keyField() + ")";
      String target = switch (output.kind()) {
        case REPARTITION -> "=> repartition " + output.target() + key + " -> next stage";
        case STREAM -> "-> stream " + output.target() + key + " [sink " + output.name() + "]";
        case TABLE -> "-> table " + output.target() + key + " [sink " + output.name() + "]";
        case CONSOLE -> "-> console [sink " + output.name() + "]";
      };
      out.append("      ").append(target).append('\n');
    }
  }

  /** The stage graph as a Mermaid flowchart: streams and tables as shapes, one subgraph per stage. */
  public static String mermaid(Plan plan) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (StreamSpec stream : plan.streams()) {
      out.append("  ").append(id("stream", stream.name())).append(">\"").append(stream.name()).append("<br/>")
          .append(stream.shards()).append(stream.shards() == 1 ? " shard" : " shards").append("\"]\n");
    }
    for (TableSpec table : plan.tables()) {
      out.append("  ").append(id("table", table.name())).append("[(\"table ").append(table.name())
          .append("\")]\n");
    }
    for (StageSpec stage : plan.stages()) {
      out.append("  subgraph ").append(id("stage", stage.id())).append(" [\"stage ").append(stage.id())
          .append("\"]\n");
      String inputNode = id(stage.id(), "in");
      out.append("    ").append(inputNode).append("([\"").append(simple(stage.input().type())).append("\"])\n");
      for (OperatorSpec operator : stage.operators()) {
        out.append("    ").append(id(stage.id(), operator.name())).append("[\"").append(operator.name())
            .append("<br/>").append(operator.kind().name().toLowerCase().replace('_', '-')).append("\"]\n");
      }
      for (OutputSpec output : stage.outputs()) {
        if (output.kind() == OutputKind.CONSOLE) {
          out.append("    ").append(id(stage.id(), "console-" + output.name())).append("[/\"console: ")
              .append(output.name()).append("\"/]\n");
        }
      }
      out.append("  end\n");
      out.append("  ").append(id("stream", stage.input().stream())).append(" --> ").append(inputNode).append('\n');
      for (OperatorSpec operator : stage.operators()) {
        String from = operator.from().equals(stage.input().node()) ? inputNode : id(stage.id(), operator.from());
        out.append("  ").append(from).append(" --> ").append(id(stage.id(), operator.name())).append('\n');
      }
      for (OutputSpec output : stage.outputs()) {
        String from = output.from().equals(stage.input().node()) ? inputNode : id(stage.id(), output.from());
        String to = switch (output.kind()) {
          case REPARTITION, STREAM -> id("stream", output.target());
          case TABLE -> id("table", output.target());
          case CONSOLE -> id(stage.id(), "console-" + output.name());
        };
        String label = output.kind() == OutputKind.REPARTITION ? " == \"key " + output.keyField() + "\" ==> "
            : " --> ";
        out.append("  ").append(from).append(label).append(to).append('\n');
      }
    }
    return out.toString();
  }

  private static String id(String kind, String name) {
    return (kind + "_" + name).replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String simple(String className) {
    int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
    return className.substring(cut + 1);
  }
}
