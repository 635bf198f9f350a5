package dev.runnel.operations.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.identity.LanedRecord;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The Kinesis record that replays a dead letter into its stage's input stream, or why there is none.
 *
 * <p>On a source stream it is the payload with the record's own partition key: a new source record, whose identity
 * is its new sequence number. On a repartition stream it carries a replay identity,
 * {@code r1|replay|<stage>/<shard>|<position>|0|-} (docs/exactly-once.md, "Replay"): a producer no stage is named,
 * so the stage's dedup memory never takes it for the original record (I4), while two puts of the same dead letter
 * carry the same identity and the second is dropped; it is routed by the explicit hash key of the payload's key
 * field, as its upstream stage routed the original.
 *
 * @param partitionKey    the partition key to put
 * @param explicitHashKey the explicit hash key, or null
 * @param data            the data to put
 * @param refused         why the dead letter cannot be replayed, or null
 */
record ReplayRecord(String partitionKey, String explicitHashKey, byte[] data, String refused) {
  /** The producer stage of every replay identity; no stage id is {@code replay} (they are {@code <job>-<n>}). */
  static final String REPLAY_PRODUCER = "replay";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long after a source record's dedup window its id is forgotten (docs/exactly-once.md, "Producer retries"). */
  private static final Duration ID_MEMORY_SLACK = Duration.ofMinutes(1);

  static ReplayRecord refused(String why) {
    return new ReplayRecord(null, null, null, why);
  }

  /** The record replaying {@code entry} for the stage of {@code plan} that failed it, at {@code now}. */
  static ReplayRecord of(Plan plan, DeadLetterEntry entry, Instant now) {
    DeadLetterId id = entry.id();
    StageSpec stage = plan.stage(id.stage()).orElse(null);
    if (stage == null) {
      return refused("stage " + id.stage() + " is not in the plan of job " + plan.job() + ": replay it with the job "
          + "that wrote it");
    }
    if (entry.payloadTruncated()) {
      return refused("its payload was cut at " + entry.payload().length + " of " + entry.payloadBytes() + " bytes; "
          + "put the original record again from its producer");
    }
    StreamSpec input = plan.stream(stage.input().stream()).orElseThrow();
    if (input.role() == StreamRole.SOURCE) {
      return source(stage, entry, now);
    }
    if (stage.time() != null) {
      return refused("stage " + stage.id() + " follows event time from its upstream stage: a record put by anyone "
          + "but that stage would hold its watermark back (docs/exactly-once.md, \"Replay\"); put the original "
          + "source record again from its producer instead");
    }
    String routingKey = routingKey(stage, entry);
    if (routingKey == null) {
      return refused("its payload has no key field '" + stage.keyField() + "' to route it by; fix the payload and put "
          + "it from its producer");
    }
    String identity = new RecordIdentity(REPLAY_PRODUCER, id.source(), id.position(), 0,
        RecordIdentity.NOTHING_COMMITTED).toPartitionKey();
    if (plan.readInLanes(input.name())) {
      return new ReplayRecord(LanedRecord.laneKey(routingKey), RecordIdentity.explicitHashKey(routingKey),
          LanedRecord.wrap(identity, entry.payload()), null);
    }
    return new ReplayRecord(identity, RecordIdentity.explicitHashKey(routingKey), entry.payload(), null);
  }

  private static ReplayRecord source(StageSpec stage, DeadLetterEntry entry, Instant now) {
    if (stage.input().ids() != null && entry.failedAt() != null) {
      Instant forgotten = Instant.parse(entry.failedAt()).plusMillis(stage.input().ids().windowMillis())
          .plus(ID_MEMORY_SLACK);
      if (now.isBefore(forgotten)) {
        return refused("stage " + stage.id() + " drops a record whose id '" + stage.input().ids().field()
            + "' it saw within its dedup window, and this one failed at " + entry.failedAt() + ": replay it after "
            + forgotten);
      }
    }
    String key = entry.partitionKey() != null && !entry.partitionKey().isEmpty() ? entry.partitionKey()
        : entry.id().position();
    return new ReplayRecord(key, null, entry.payload(), null);
  }

  /** The payload's key field as the upstream stage routed by it ({@code String.valueOf} of the value), or null. */
  private static String routingKey(StageSpec stage, DeadLetterEntry entry) {
    if (stage.keyField() == null) {
      return null;
    }
    try {
      JsonNode value = JSON.readTree(entry.payload()).get(stage.keyField());
      return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    } catch (IOException notJson) {
      return null;
    }
  }
}
