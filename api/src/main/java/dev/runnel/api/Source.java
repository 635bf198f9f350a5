package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record type, nested in the job class, as the type of the records on an input stream: a Kinesis stream
 * ({@link #stream()}) or a Kafka topic ({@link #topic()}); set exactly one. Operators name the source by its stream or
 * topic in their {@code from}. Repeat it for several streams of one record type, each a source of its own; an operator
 * reads them together with {@code from = {"web-clicks", "app-clicks"}} (a union).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Sources.class)
public @interface Source {
  /** The Kinesis stream the records are read from. */
  String stream() default "";

  /** How many shards the stream has (or is created with, locally and by the generated template). */
  int shards() default 1;

  /** The Kafka topic the records are read from (docs/kafka.md). */
  String topic() default "";

  /** How many partitions the topic has (or is created with locally). */
  int partitions() default 1;

  /** How a record's bytes become an instance of the annotated type; JSON unless set. */
  Class<? extends Codec> codec() default Codec.Json.class;

  /**
   * Whether the JSON codec refuses values of the wrong type ({@link Decoding#STRICT}, the default) or converts them
   * ({@link Decoding#LENIENT}). Applies to the built-in JSON codec only; a user codec decides for itself.
   */
  Decoding decoding() default Decoding.STRICT;

  /**
   * The record field a producer sets to the same value on every copy of one record (a string or whole number).
   * Records with an id already seen on their shard (or partition) within {@link #dedupWindow()} are applied once: a later copy, such
   * as a producer's retried PutRecords, is dropped and counted as skipped. Empty: every record is distinct.
   */
  String idField() default "";

  /**
   * How long after the first copy of an id a later copy is still dropped, as an ISO-8601 duration of Kinesis arrival
   * time ("PT10M"); see docs/exactly-once.md, "Producer retries", for the horizon and its cost.
   */
  String dedupWindow() default "PT10M";
}
