package dev.runnel.sinkreader;

import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** Gives KCL a new {@link DeduplicatingRecordProcessor}, with its own dedup memory, for each shard it takes. */
public final class DeduplicatingRecordProcessorFactory implements ShardRecordProcessorFactory {
  private final RunnelRecordHandler handler;
  private final Consumer<RecordHandlingException> onFailure;

  /** Processors that share {@code handler} and report its failures to {@code onFailure}. */
  public DeduplicatingRecordProcessorFactory(RunnelRecordHandler handler,
      Consumer<RecordHandlingException> onFailure) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /** A processor for one shard. */
  @Override
  public ShardRecordProcessor shardRecordProcessor() {
    return new DeduplicatingRecordProcessor(handler, onFailure);
  }
}
