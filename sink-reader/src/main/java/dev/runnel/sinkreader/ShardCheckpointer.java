package dev.runnel.sinkreader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Writes one shard's KCL checkpoint, retrying throttling and DynamoDB errors a few times. A checkpoint that cannot be
 * written is only logged: the records after the previous checkpoint are redelivered, and the dedup memory (or the
 * handler's own idempotence) absorbs them.
 */
final class ShardCheckpointer {
  private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointer.class);
  private static final int ATTEMPTS = 4;
  private static final long FIRST_BACKOFF_MILLIS = 100;

  /** A position in a shard: a sequence number and, for a KPL-aggregated record, its sub-sequence number. */
  record Position(String sequenceNumber, long subSequenceNumber) {}

  private interface Checkpoint {
    void write() throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException,
        ShutdownException;
  }

  private final String shardId;

  ShardCheckpointer(String shardId) {
    this.shardId = shardId;
  }

  /** Checkpoints at {@code position}: every record up to it is done. True if written. */
  boolean at(RecordProcessorCheckpointer checkpointer, Position position) {
    return write(() -> checkpointer.checkpoint(position.sequenceNumber(), position.subSequenceNumber()),
        position.sequenceNumber());
  }

  /** Checkpoints at the end of the shard, which lets KCL start its children. True if written. */
  boolean atShardEnd(RecordProcessorCheckpointer checkpointer) {
    return write(checkpointer::checkpoint, "SHARD_END");
  }

  private boolean write(Checkpoint checkpoint, String where) {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        checkpoint.write();
        return true;
      } catch (ThrottlingException | KinesisClientLibDependencyException e) {
        if (attempt == ATTEMPTS) {
          LOG.warn("shard {}: checkpoint at {} failed {} times, giving up until the next batch", shardId, where,
              ATTEMPTS, e);
          return false;
        }
        if (!sleep(backoff)) {
          return false;
        }
        backoff *= 2;
      } catch (ShutdownException e) {
        LOG.info("shard {}: lease lost, not checkpointing at {}", shardId, where);
        return false;
      } catch (InvalidStateException e) {
        LOG.error("shard {}: checkpoint at {} refused, the lease table is not usable", shardId, where, e);
        return false;
      }
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
