package dev.runnel.testdriver;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the stages as Lambda's Kinesis event source mappings would, one invocation at a time: each stage, in plan
 * order, takes each shard's waiting records in batches of its batch size; a batch that throws is delivered again, and
 * one that reports a failed record is delivered again from that record. After the batches, every stage with time is
 * ticked on every shard, as its tick schedule would. Rounds repeat until one runs no batch and puts no record.
 */
final class StageLoop {
  /** Rounds before the job is taken for one that never settles. */
  private static final int MAX_ROUNDS = 1_000;
  /** Deliveries of one batch before the driver gives up on it (a stage narrows a failing batch well before). */
  private static final int MAX_DELIVERIES = 200;

  private final Plan plan;
  private final Map<String, StageHandler> handlers;
  private final InMemoryStreams streams;
  private final InMemoryTables tables;

  StageLoop(Plan plan, Map<String, StageHandler> handlers, InMemoryStreams streams, InMemoryTables tables) {
    this.plan = plan;
    this.handlers = handlers;
    this.streams = streams;
    this.tables = tables;
  }

  /** Runs batches and ticks until the job is quiet. */
  void settle() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      long puts = streams.puts();
      boolean ran = handlePending();
      tick();
      if (!ran && streams.puts() == puts) {
        return;
      }
    }
    throw new IllegalStateException("job " + plan.job() + " did not settle in " + MAX_ROUNDS + " rounds of batches"
        + " and ticks: a stage keeps writing records (a timer that registers itself again at the same time?)");
  }

  /** Every stage handles every shard's waiting records; true when any batch ran. */
  private boolean handlePending() {
    boolean ran = false;
    for (StageSpec stage : plan.stages()) {
      String stream = stage.input().stream();
      int batchSize = Math.max(1, stage.batching().batchSize());
      for (int shard = 0; shard < streams.shardCount(stream); shard++) {
        while (streams.pending(stream, shard) > 0) {
          deliver(stage, shard, streams.take(stream, shard, batchSize));
          ran = true;
        }
      }
    }
    return ran;
  }

  private void deliver(StageSpec stage, int shard, List<InputRecord> batch) {
    StageHandler handler = handlers.get(stage.id());
    List<InputRecord> delivered = batch;
    Throwable last = null;
    for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++) {
      StreamsEventResponse response;
      try {
        response = handler.handleRecords(delivered, null);
      } catch (RuntimeException | Error e) {
        last = e;
        continue;
      } finally {
        tables.invocationEnded();
      }
      if (response == null || response.getBatchItemFailures() == null
          || response.getBatchItemFailures().isEmpty()) {
        return;
      }
      delivered = from(delivered, response.getBatchItemFailures().get(0).getItemIdentifier());
      if (delivered.isEmpty()) {
        return;
      }
    }
    throw new IllegalStateException("job " + plan.job() + ": stage " + stage.id() + " failed a batch of "
        + InMemoryStreams.shardId(shard) + " of " + stage.input().stream() + " from sequence number "
        + delivered.get(0).sequenceNumber() + " " + MAX_DELIVERIES + " times; on Lambda it would block the shard",
        last);
  }

  private static List<InputRecord> from(List<InputRecord> batch, String sequenceNumber) {
    List<InputRecord> rest = new ArrayList<>();
    boolean found = false;
    for (InputRecord record : batch) {
      found |= record.sequenceNumber().equals(sequenceNumber);
      if (found) {
        rest.add(record);
      }
    }
    return rest;
  }

  /** Ticks every shard of every stage with time. */
  private void tick() {
    for (StageSpec stage : plan.stages()) {
      if (stage.time() == null) {
        continue;
      }
      for (int shard = 0; shard < streams.shardCount(stage.input().stream()); shard++) {
        try {
          handlers.get(stage.id()).tick(InMemoryStreams.shardId(shard));
        } finally {
          tables.invocationEnded();
        }
      }
    }
  }
}
