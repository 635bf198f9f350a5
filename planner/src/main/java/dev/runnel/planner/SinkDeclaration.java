package dev.runnel.planner;

import dev.runnel.plan.OutputKind;

/**
 * A {@code @Sink} as declared, after its kind and default name are worked out.
 *
 * @param name   the sink's name
 * @param kind   stream, table or console
 * @param target the stream or table, null for the console
 * @param key    the key field, or null
 * @param shards shards of a sink stream
 * @param where  the node it is declared on, for messages
 */
record SinkDeclaration(String name, OutputKind kind, String target, String key, int shards, String where) {}
