package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Where the records of one node leave a stage.
 *
 * @param name     the output's name: the sink's name, or the repartition stream's name
 * @param kind     what it writes to
 * @param from     the node whose records it writes (the stage input's node or one of its operators)
 * @param target   the stream or table name; null for the console
 * @param keyField the field whose value is the partition key (stream) or the item's key (table), or null
 * @param type     the fully qualified class of the records written
 * @param side     for a repartition into a join's or broadcast operator's stream, or a broadcast output, which input
 *                 of that operator the records feed (each record is written wrapped in its side's tag); null (absent)
 *                 otherwise
 */
public record OutputSpec(String name, OutputKind kind, String from, String target, String keyField, String type,
    @JsonInclude(JsonInclude.Include.NON_NULL) JoinSide side) {
  /** An output that feeds no join. */
  public OutputSpec(String name, OutputKind kind, String from, String target, String keyField, String type) {
    this(name, kind, from, target, keyField, type, null);
  }

  public OutputSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(type, "type");
    if (side != null && kind != OutputKind.REPARTITION && kind != OutputKind.BROADCAST) {
      throw new IllegalArgumentException("output " + name + ": only a repartition or a broadcast feeds an input side");
    }
    if (kind == OutputKind.BROADCAST && side != JoinSide.BROADCAST) {
      throw new IllegalArgumentException("output " + name + ": a broadcast output feeds the broadcast side");
    }
    if (kind != OutputKind.CONSOLE) {
      Objects.requireNonNull(target, "target of output " + name);
    }
  }
}
