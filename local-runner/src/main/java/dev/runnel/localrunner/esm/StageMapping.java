package dev.runnel.localrunner.esm;

import java.util.List;

/** A running event source mapping of one stage, Kinesis or Kafka, as the local run watches it. */
public interface StageMapping extends AutoCloseable {
  /** Starts reading. */
  void start();

  /** The settings it runs with (the function name is the stage id). */
  MappingSettings settings();

  /** Per shard (or topic-partition) progress of everything started so far. */
  List<ShardProgress> progress();

  /** Invocations, retries, bisects and discards so far. */
  MappingCounters.Snapshot counters();

  /** Errors that ended a shard's consumer (not function errors, which are retried): empty when all is well. */
  List<Throwable> failures();

  /** Stops every consumer after its batch in flight. */
  @Override
  void close();
}
