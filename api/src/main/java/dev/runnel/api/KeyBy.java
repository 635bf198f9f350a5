package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Repartitions an operator's output (or, on a {@link Source} record, the source's records) by one of its fields:
 * every operator reading from it runs in a new stage, and all records with the same key reach the same shard of that
 * stage, in order. Keyed state ({@link KeyedProcess}, {@link Reduce}) lives there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface KeyBy {
  /** The record component (or bean property) whose value is the key. */
  String value();

  /**
   * Shards of the repartition stream (partitions of the topic, with {@code @StreamingJob(edges = KAFKA)}); 0 means as
   * many as the stream or topic feeding this operator's stage.
   */
  int shards() default 0;

  /**
   * Batches Lambda runs at once on each shard of the keyed stage (its event source mapping's ParallelizationFactor),
   * 1-10. Above 1, records of one key stay in order and each is applied once, but the keyed stage must not have event
   * time, windows or timers, and may write only to tables and the console (docs/exactly-once.md, "Parallel lanes").
   */
  int parallelization() default 1;
}
