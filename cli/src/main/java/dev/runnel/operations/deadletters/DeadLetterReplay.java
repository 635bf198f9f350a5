package dev.runnel.operations.deadletters;

import dev.runnel.operations.target.JobTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Puts dead letters back into their stages' input streams, each once: a dead letter is first claimed with a
 * conditional update of its item (a second replay, or one running at the same time, finds the claim and puts
 * nothing), then put with {@code PutRecord}, then marked replayed with the record's sequence number. A put that fails
 * takes its claim back. A replay stopped between claim and put leaves a claim without {@code replayedAt}, shown as
 * unconfirmed by {@code dead-letters list}; such a dead letter is not put again (see docs/exactly-once.md, "Replay").
 */
public final class DeadLetterReplay {
  private final JobTarget target;
  private final DeadLetterTable table;
  private final Clock clock;

  /** Replays into the target's streams at the time of {@code clock}. */
  public DeadLetterReplay(JobTarget target, Clock clock) {
    this.target = target;
    this.table = DeadLetterTable.of(target);
    this.clock = clock;
  }

  /** Replays each of {@code entries}, in order, and says what happened to each. */
  public List<ReplayOutcome> replay(List<DeadLetterEntry> entries) {
    List<ReplayOutcome> outcomes = new ArrayList<>();
    for (DeadLetterEntry entry : entries) {
      outcomes.add(replay(entry));
    }
    return outcomes;
  }

  private ReplayOutcome replay(DeadLetterEntry entry) {
    DeadLetterId id = entry.id();
    if (entry.replay() != null) {
      return already(id, entry.replay());
    }
    ReplayRecord record = ReplayRecord.of(target.plan(), entry, clock.instant());
    if (record.refused() != null) {
      return new ReplayOutcome(id, ReplayOutcome.Result.REFUSED, record.refused(), null, null);
    }
    String token = UUID.randomUUID().toString();
    if (!table.claim(id, token, clock.instant())) {
      return table.get(id).map(now -> now.replay() == null ? null : already(id, now.replay()))
          .orElse(new ReplayOutcome(id, ReplayOutcome.Result.REFUSED, "it is no longer in " + table.name()
              + " (expired, or deleted)", null, null));
    }
    String stream = target.names().stream(target.plan().stage(id.stage()).orElseThrow().input().stream());
    PutRecordResponse put;
    try {
      put = target.kinesis().putRecord(b -> b.streamName(stream).partitionKey(record.partitionKey())
          .explicitHashKey(record.explicitHashKey()).data(SdkBytes.fromByteArray(record.data())));
    } catch (RuntimeException e) {
      table.release(id, token);
      return new ReplayOutcome(id, ReplayOutcome.Result.FAILED, "PutRecord to " + stream + " failed ("
          + e.getMessage() + "); nothing was put and it can be replayed again", record.partitionKey(), null);
    }
    table.confirm(id, token, record.partitionKey(), put.sequenceNumber(), clock.instant());
    return new ReplayOutcome(id, ReplayOutcome.Result.REPLAYED, "put into " + stream + " (" + put.shardId() + ")",
        record.partitionKey(), put.sequenceNumber());
  }

  private static ReplayOutcome already(DeadLetterId id, ReplayMark mark) {
    return new ReplayOutcome(id, ReplayOutcome.Result.ALREADY_REPLAYED, mark.confirmed()
        ? "replayed at " + mark.replayedAt()
        : "claimed by a replay at " + mark.claimedAt() + " that did not confirm its put; check the stage's input "
            + "before putting it by hand", mark.replayedAs(), mark.sequenceNumber());
  }
}
