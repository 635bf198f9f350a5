package dev.runnel.functions.output;

import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds the encoder of each output of a stage from the plan, resolving key fields once. */
public final class OutputEncoders {
  private OutputEncoders() {}

  /** The encoder for {@code output}. */
  public static OutputEncoder forOutput(OutputSpec output, Plan plan, JobClasses classes) {
    return switch (output.kind()) {
      case REPARTITION, STREAM -> new StreamEncoder(output.name(), output.from(), output.target(),
          output.keyField() == null ? null
              : KeyField.resolve(classes.load(output.type(), "record type of output " + output.name()),
                  output.keyField()),
          output.kind() == OutputKind.REPARTITION && plan.readInLanes(output.target()));
      case TABLE -> new TableEncoder(output.name(), output.from(), output.target(), keyAttributes(output, plan));
      case CONSOLE -> new ConsoleEncoder(output.name(), output.from());
    };
  }

  /** The table's key attributes from its {@link TableSpec}, or the output's key field when the plan lacks it. */
  public static List<String> keyAttributes(OutputSpec output, Plan plan) {
    TableSpec table = plan.tables().stream().filter(t -> t.name().equals(output.target())).findFirst().orElse(null);
    List<String> keys = new ArrayList<>(2);
    if (table != null) {
      keys.add(table.partitionKey());
      if (table.sortKey() != null) {
        keys.add(table.sortKey());
      }
    } else if (output.keyField() != null) {
      keys.add(output.keyField());
    } else {
      throw new IllegalStateException("table output " + output.name() + " has no key: the plan neither describes "
          + "table " + output.target() + " nor names a key field");
    }
    return keys;
  }
}
