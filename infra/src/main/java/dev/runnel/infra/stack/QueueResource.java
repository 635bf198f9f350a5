package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * The job's dead-letter queue: the on-failure destination of every event source mapping, receiving Lambda's record
 * of each batch it gave up (shard and sequence range, not the records). Encrypted with SQS-managed keys.
 *
 * @param logicalId        its logical id in the stack
 * @param name             the queue name, {@code <job>-failed-batches}
 * @param retentionSeconds how long messages are kept (the SQS maximum, 14 days, by default)
 */
public record QueueResource(String logicalId, String name, int retentionSeconds) {
  /** SQS's longest retention: 14 days. */
  public static final int MAX_RETENTION_SECONDS = 1_209_600;

  public QueueResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(name, "name");
  }
}
