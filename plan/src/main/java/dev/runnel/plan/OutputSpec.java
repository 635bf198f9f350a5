package dev.runnel.plan;

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
 */
public record OutputSpec(String name, OutputKind kind, String from, String target, String keyField, String type) {
  public OutputSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(type, "type");
    if (kind != OutputKind.CONSOLE) {
      Objects.requireNonNull(target, "target of output " + name);
    }
  }
}
