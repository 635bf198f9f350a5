package dev.runnel.localrunner.summary;

import dev.runnel.plan.OutputKind;
import java.util.List;

/**
 * Everything one sink received: a console sink's lines in the order they were printed (per stage and shard, the order
 * the operators emitted them; shards and stages interleave as their invocations ran), a stream's records and a
 * table's items sorted, so that runs compare equal.
 *
 * @param name    the sink's name
 * @param kind    stream, table or console
 * @param target  the stream or table name, null for the console
 * @param records each record as JSON: a stream record's data, a table item, a console line
 */
public record SinkContents(String name, OutputKind kind, String target, List<String> records) {
  public SinkContents {
    records = List.copyOf(records);
  }
}
