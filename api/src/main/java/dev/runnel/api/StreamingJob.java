package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a streaming job. The class needs a public no-argument constructor; the runtime creates one
 * instance per function environment and calls its operator methods, so fields behave like per-instance caches,
 * not like state (keyed state is declared separately).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamingJob {
  /** The job's name: lower-case letters, digits and '-', starting with a letter. It prefixes every resource. */
  String value();

  /**
   * How often stages with windows or timers are woken when no records arrive, as an ISO-8601 duration: at least
   * "PT1M", the finest EventBridge schedule. It bounds how late a window fires on a quiet stream (docs/time.md).
   */
  String tick() default "PT1M";

  /**
   * How often a batch may fail for a reason Runnel cannot classify (a bug, an out-of-memory error, a hang) before it
   * is narrowed, inside the function, to the record that fails alone; that record then goes to the dead letters with
   * error type {@code attempts}, and the shard moves on. Failures known to be retryable (throttling, timeouts of a
   * service) are retried without counting; failures known to be permanent are isolated at once. 1-20.
   */
  int maxRecordAttempts() default 3;

  /**
   * How long a dead letter (a record a stage could not process, with its payload) is kept before DynamoDB's TTL deletes
   * it, as an ISO-8601 duration from one day ("P1D") to a year ("P365D"). Keep it short when payloads hold personal data.
   */
  String deadLetterRetention() default "P14D";

  /**
   * Where the records between stages travel (the repartition edges a {@link KeyBy} makes): Kinesis streams, the
   * default, or Kafka topics named like the streams would be (docs/kafka.md). Sources and sinks say their own.
   */
  Transport edges() default Transport.KINESIS;
}
