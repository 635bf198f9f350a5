package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/**
 * Creates the function instance that serves one shard, as Lambda keeps one warm environment per shard (per lane
 * of a shard with a ParallelizationFactor above 1). Called once per shard (once per lane), from the mapping's thread,
 * before the shard's first batch.
 */
@FunctionalInterface
public interface ShardHandlerFactory {
  /** A new handler for the shard; it is only ever called by one thread at a time. */
  RequestHandler<KinesisEvent, StreamsEventResponse> create(String shardId);
}
