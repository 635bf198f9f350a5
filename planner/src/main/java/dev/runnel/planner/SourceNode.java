package dev.runnel.planner;

import java.util.List;

/**
 * A {@code @Source} record type.
 *
 * @param name   the stream it reads
 * @param type   the record type
 * @param shards the stream's shard count
 * @param codec  "json" or a codec class name
 * @param sinks  sinks declared on the record type
 * @param where  the declaring type, for messages
 */
record SourceNode(String name, Class<?> type, int shards, String codec, List<SinkDeclaration> sinks, String where)
    implements JobNode {
  @Override
  public Class<?> outputType() {
    return type;
  }
}
