package dev.runnel.planner;

import dev.runnel.plan.OutputKind;
import dev.runnel.plan.StreamTransport;

/**
 * A {@code @Sink} as declared, after its kind and default name are worked out.
 *
 * @param name   the sink's name
 * @param kind   stream (a Kinesis stream or a Kafka topic), table or console
 * @param target the stream, topic or table, null for the console
 * @param key    the key field, or null
 * @param shards shards of a sink stream, partitions of a sink topic
 * @param transport where a stream sink lives; Kinesis for the other kinds
 * @param where  the node it is declared on, for messages
 */
record SinkDeclaration(String name, OutputKind kind, String target, String key, int shards, StreamTransport transport,
    String where) {}
