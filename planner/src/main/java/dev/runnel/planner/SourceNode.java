package dev.runnel.planner;

import dev.runnel.plan.DecodingMode;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.plan.SourceIdSpec;
import dev.runnel.plan.StreamTransport;
import java.util.List;

/**
 * A {@code @Source} record type.
 *
 * @param name   the stream or topic it reads
 * @param type   the record type
 * @param shards the stream's shard count, or the topic's partition count
 * @param transport where the source's records are: a Kinesis stream or a Kafka topic
 * @param codec  "json" or a codec class name
 * @param keyField  the {@code @KeyBy} field on the record type, or null
 * @param keyShards the {@code @KeyBy} shard count, 0 for "as the source"
 * @param sinks  sinks declared on the record type
 * @param eventTime the {@code @EventTime} on the record type, or null
 * @param decoding  how the JSON codec treats values of the wrong type
 * @param ids    the {@code @Source(idField)} of the record type, or null
 * @param where  the declaring type, for messages
 */
record SourceNode(String name, Class<?> type, int shards, StreamTransport transport, String codec, String keyField, int keyShards,
    List<SinkDeclaration> sinks, EventTimeSpec eventTime, DecodingMode decoding, SourceIdSpec ids, String where)
    implements JobNode {
  @Override
  public boolean keyed() {
    return keyField != null;
  }

  @Override
  public Class<?> outputType() {
    return type;
  }
}
