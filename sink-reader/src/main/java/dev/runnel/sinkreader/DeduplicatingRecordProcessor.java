package dev.runnel.sinkreader;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.sinkreader.ShardCheckpointer.Position;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The KCL processor of one shard of a Runnel stream sink: passes each record to a {@link RunnelRecordHandler} unless
 * its identity (the {@code r1|...} partition key) was already delivered on this shard, then checkpoints the batch.
 *
 * <p>Duplicates are recognised by {@link AppliedIdentities#isDuplicate}: an identity still remembered, or one at or
 * before its producer's committed position as already seen on this shard (a producer commits only after every copy it
 * sent was acknowledged, so such a record can only be a resent copy). Records without an identity always pass.
 *
 * <p>The memory lives in this object: when the shard moves to a new processor (restart, lease taken by another worker,
 * parent to child shard) it starts from {@link RunnelRecordHandler#restoreDedupMemory}, or empty, and records after
 * the last checkpoint are delivered again. See the module README for how a handler makes its effects exactly once.
 */
public final class DeduplicatingRecordProcessor implements ShardRecordProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(DeduplicatingRecordProcessor.class);

  private final RunnelRecordHandler handler;
  private final Consumer<RecordHandlingException> onFailure;
  private String shardId = "(not initialized)";
  private ShardCheckpointer checkpoints = new ShardCheckpointer(shardId);
  private AppliedIdentities memory = AppliedIdentities.EMPTY;
  private Position lastDone;
  private Position lastCheckpointed;
  private long lastArrivalMillis;
  private long delivered;
  private long dropped;
  private RecordHandlingException failure;

  /** A processor handing records to {@code handler} and reporting a handler failure to {@code onFailure}. */
  public DeduplicatingRecordProcessor(RunnelRecordHandler handler, Consumer<RecordHandlingException> onFailure) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /** Called by KCL once, before any records: learns the shard and restores the handler's stored memory, if any. */
  @Override
  public void initialize(InitializationInput input) {
    shardId = input.shardId();
    checkpoints = new ShardCheckpointer(shardId);
    memory = handler.restoreDedupMemory(shardId).map(AppliedIdentities::from).orElse(AppliedIdentities.EMPTY);
    LOG.debug("shard {}: starting after {} with {} remembered identities", shardId, input.extendedSequenceNumber(),
        memory.size());
  }

  /**
   * Delivers the batch's new records in order, then checkpoints after the last record done. Never throws: KCL would
   * skip the batch. A handler failure checkpoints what came before it and stops delivery on this shard.
   */
  @Override
  public void processRecords(ProcessRecordsInput input) {
    if (failure != null) {
      return;
    }
    for (KinesisClientRecord record : input.records()) {
      if (!deliverOnce(record)) {
        break;
      }
    }
    checkpointDone(input.checkpointer());
  }

  /** Called by KCL when another worker took the shard: nothing may be checkpointed any more. */
  @Override
  public void leaseLost(LeaseLostInput input) {
    LOG.info("shard {}: lease lost after {} delivered, {} duplicates dropped", shardId, delivered, dropped);
  }

  /** Called by KCL once every record of a closed shard was processed: checkpoints at the end so children may start. */
  @Override
  public void shardEnded(ShardEndedInput input) {
    if (failure != null) {
      LOG.warn("shard {}: ended, but not checkpointed at its end because the handler failed", shardId);
      return;
    }
    checkpoints.atShardEnd(input.checkpointer());
    LOG.debug("shard {}: ended after {} delivered, {} duplicates dropped", shardId, delivered, dropped);
  }

  /** Called by KCL when the reader shuts down or hands the shard over: checkpoints after the last record done. */
  @Override
  public void shutdownRequested(ShutdownRequestedInput input) {
    if (lastDone != null) {
      checkpoints.at(input.checkpointer(), lastDone);
    }
  }

  /** This shard's dedup memory now; the same value the last delivered record carried. */
  public AppliedIdentities dedupMemory() {
    return memory;
  }

  /** Delivers {@code record} unless it is a duplicate; false if the handler failed. */
  private boolean deliverOnce(KinesisClientRecord record) {
    RecordIdentity identity = identityOf(record);
    Instant arrival = arrivalOf(record);
    if (identity != null && memory.isDuplicate(identity)) {
      dropped++;
      LOG.debug("shard {}: dropped duplicate {} at {}", shardId, record.partitionKey(), record.sequenceNumber());
    } else {
      AppliedIdentities after = identity == null ? memory : memory.with(identity);
      try {
        handler.handle(new RunnelRecord(bytesOf(record.data()), identity, shardId, record.sequenceNumber(), arrival,
            after));
      } catch (RuntimeException e) {
        failure = new RecordHandlingException(shardId, record.sequenceNumber(), e);
        LOG.error("shard {}: handler failed at {}; delivery on this shard stops", shardId, record.sequenceNumber(), e);
        onFailure.accept(failure);
        return false;
      }
      memory = after;
      delivered++;
    }
    lastDone = new Position(record.sequenceNumber(), record.subSequenceNumber());
    return true;
  }

  private void checkpointDone(RecordProcessorCheckpointer checkpointer) {
    if (lastDone != null && !lastDone.equals(lastCheckpointed) && checkpoints.at(checkpointer, lastDone)) {
      lastCheckpointed = lastDone;
    }
  }

  /** The record's identity; null for a record of another producer, including a malformed {@code r1|} key. */
  private RecordIdentity identityOf(KinesisClientRecord record) {
    try {
      return RecordIdentity.parse(record.partitionKey()).orElse(null);
    } catch (IllegalArgumentException e) {
      LOG.warn("shard {}: record {} is delivered without deduplication: {}", shardId, record.sequenceNumber(),
          e.getMessage());
      return null;
    }
  }

  /** Kinesis always sets the arrival time; should it be missing, the last one seen keeps the memory's clock monotonic. */
  private Instant arrivalOf(KinesisClientRecord record) {
    Instant arrival = record.approximateArrivalTimestamp();
    if (arrival == null) {
      return Instant.ofEpochMilli(lastArrivalMillis);
    }
    lastArrivalMillis = Math.max(lastArrivalMillis, arrival.toEpochMilli());
    return arrival;
  }

  private static byte[] bytesOf(ByteBuffer data) {
    if (data == null) {
      return new byte[0];
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return bytes;
  }
}
