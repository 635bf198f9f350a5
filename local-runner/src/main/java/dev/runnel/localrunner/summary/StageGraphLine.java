package dev.runnel.localrunner.summary;

import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan's stage graph on one line, for example
 * {@code orders-in ─▶ [orders-1: valid → route] ═(customer)═▶ [orders-2: ship → large] ─▶ orders-shipments}.
 */
final class StageGraphLine {
  private StageGraphLine() {}

  /** The line for the plan (stages in topological order). */
  static String of(Plan plan) {
    StringBuilder line = new StringBuilder();
    String previousRepartition = null;
    for (StageSpec stage : plan.stages()) {
      if (!stage.input().stream().equals(previousRepartition)) {
        if (line.length() > 0) {
          line.append("   ");
        }
        line.append(stage.input().stream()).append(" ─▶ ");
      }
      line.append('[').append(stage.id()).append(": ")
          .append(stage.operators().isEmpty() ? "re-key"
              : stage.operators().stream().map(OperatorSpec::name).collect(Collectors.joining(" → ")))
          .append(']');
      List<OutputSpec> repartitions = stage.outputs().stream().filter(o -> o.kind() == OutputKind.REPARTITION).toList();
      List<OutputSpec> sinks = stage.outputs().stream().filter(o -> o.kind() != OutputKind.REPARTITION).toList();
      if (!sinks.isEmpty()) {
        line.append(" ─▶ ").append(sinks.stream().map(StageGraphLine::sinkLabel).collect(Collectors.joining(", ")));
      }
      previousRepartition = null;
      for (OutputSpec repartition : repartitions) {
        line.append(sinks.isEmpty() ? " " : "; ").append("═(").append(repartition.keyField()).append(")═▶ ");
        previousRepartition = repartition.target();
      }
    }
    return line.toString();
  }

  private static String sinkLabel(OutputSpec output) {
    return switch (output.kind()) {
      case CONSOLE -> output.name() + " (console)";
      case STREAM -> output.target() + " (stream)";
      case TABLE -> output.target() + " (table)";
      case REPARTITION, BROADCAST -> output.target();
    };
  }
}
