package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes the output of the annotated operator method (or source record type) to a Kinesis stream, a Kafka topic, a
 * DynamoDB table or, when run locally, the console. Set exactly one of {@link #stream()}, {@link #topic()},
 * {@link #table()} and {@link #console()}.
 * Repeat the annotation to write one output to several sinks.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(Sinks.class)
public @interface Sink {
  /** The sink's name, unique in the job; empty means the stream, topic or table name, or "console". */
  String name() default "";

  /** A Kinesis stream to write records to, encoded as JSON. */
  String stream() default "";

  /**
   * A Kafka topic to write records to, encoded as JSON, each with its identity in the {@code runnel-id} header and
   * the {@link #key()} field (or the record's key) as its Kafka key (docs/kafka.md).
   */
  String topic() default "";

  /** Partitions of a sink topic that Runnel creates (locally). */
  int partitions() default 1;

  /** A DynamoDB table to write records to, one item per record with one attribute per field. */
  String table() default "";

  /** Print records; on Lambda they go to the function's log. */
  boolean console() default false;

  /**
   * For a table: the field that is the table's partition key (required). For a stream: the field used as the
   * partition key; for a topic: the field used as the Kafka key. Empty means the record's key after a
   * {@link KeyBy}, or its source position.
   */
  String key() default "";

  /** Shards of a sink stream that Runnel creates. */
  int shards() default 1;
}
