package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Creates the function instance that serves one topic-partition of a Kafka mapping, as one warm environment: it
 * reads Lambda's Kafka event JSON and writes the Kafka batch response JSON. Called once per partition, before its
 * first batch.
 */
@FunctionalInterface
public interface PartitionHandlerFactory {
  /** A new handler for {@code partition} ({@code <topic>-<n>}); only ever called by one thread at a time. */
  RequestStreamHandler create(String partition);
}
