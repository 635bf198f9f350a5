package dev.runnel.functions.output;

import dev.runnel.functions.codec.JsonEncoder;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds the encoder of each output of a stage from the plan, resolving key fields once. */
public final class OutputEncoders {
  private OutputEncoders() {}

  /** The encoder for {@code output}. */
  public static OutputEncoder forOutput(OutputSpec output, Plan plan, JobClasses classes) {
    return switch (output.kind()) {
      case REPARTITION, STREAM -> {
        if (plan.stream(output.target()).map(StreamSpec::kafka).orElse(false)) {
          yield topicEncoder(output, classes);
        }
        Class<?> type = output.keyField() == null ? typeOrNull(output, classes)
            : classes.load(output.type(), "record type of output " + output.name());
        yield new StreamEncoder(output.name(), output.from(), output.target(),
            output.keyField() == null ? null : KeyField.resolve(type, output.keyField()),
            output.kind() == OutputKind.REPARTITION && plan.readInLanes(output.target()),
            output.side() == null ? new JsonEncoder(type) : JsonEncoder.tagged(type, output.side().tag()));
      }
      case BROADCAST -> new BroadcastEncoder(new StreamEncoder(output.name(), output.from(), output.target(), null,
          false, JsonEncoder.tagged(typeOrNull(output, classes), output.side().tag())));
      case TABLE -> new TableEncoder(output.name(), output.from(), output.target(), keyAttributes(output, plan));
      case CONSOLE -> new ConsoleEncoder(output.name(), output.from());
    };
  }

  private static TopicEncoder topicEncoder(OutputSpec output, JobClasses classes) {
    Class<?> type = output.keyField() == null ? typeOrNull(output, classes)
        : classes.load(output.type(), "record type of output " + output.name());
    return new TopicEncoder(output.name(), output.from(), output.target(),
        output.keyField() == null ? null : KeyField.resolve(type, output.keyField()), new JsonEncoder(type));
  }

  /**
   * The output's record type for its JSON encoder, or null when it does not load (a primitive's name, say): the
   * encoder then finds each record's serializer by its class, as it would anyway for a type that is not final.
   */
  private static Class<?> typeOrNull(OutputSpec output, JobClasses classes) {
    if (output.type() == null) {
      return null;
    }
    try {
      return classes.load(output.type(), "record type of output " + output.name());
    } catch (IllegalStateException | LinkageError notLoadable) {
      return null;
    }
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
