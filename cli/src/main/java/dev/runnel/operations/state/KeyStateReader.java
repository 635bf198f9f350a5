package dev.runnel.operations.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.operations.target.JobTarget;
import dev.runnel.operations.target.StreamShardList;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.dynamodb.DynamoDbStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Reads the committed state of one key of a keyed stage, in either layout: the key's item of {@code <job>-state}
 * (read consistently, chunks assembled, as the stage reads it) or its shard's state log.
 */
public final class KeyStateReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobTarget target;

  /** A reader of the target's state. */
  public KeyStateReader(JobTarget target) {
    this.target = target;
  }

  /**
   * The state of {@code key} in {@code stageId}.
   *
   * @throws IllegalArgumentException if the job has no such stage, or the stage keeps no keyed state
   */
  public KeyStateView read(String stageId, String key) {
    StageSpec stage = target.plan().stage(stageId).orElseThrow(() -> new IllegalArgumentException("job "
        + target.plan().job() + " has no stage '" + stageId + "'; its stages: "
        + target.plan().stages().stream().map(StageSpec::id).toList()));
    if (!stage.keyed() || stage.state().isEmpty()) {
      throw new IllegalArgumentException("stage " + stageId + " keeps no keyed state; the keyed stages of job "
          + target.plan().job() + ": " + target.plan().stages().stream().filter(s -> s.keyed() && !s.state().isEmpty())
          .map(StageSpec::id).toList());
    }
    String shard = shardOf(stage, key);
    if (stage.layout() == StateLayout.LOG) {
      throw new IllegalStateException("stage " + stageId + " keeps its state in the shard state log, which this "
          + "version cannot read yet");
    }
    return fromKeyItem(stage, key, shard);
  }

  private KeyStateView fromKeyItem(StageSpec stage, String key, String shard) {
    String table = target.table(TableRole.STATE).orElseThrow(() -> new IllegalStateException("job "
        + target.plan().job() + " has keyed state but no state table in its plan"));
    StateKey stateKey = new StateKey(stage.id(), key);
    StoredState stored;
    try (DynamoDbStateStore store = new DynamoDbStateStore(target.dynamoDb(), table)) {
      stored = store.load(List.of(stateKey)).get(stateKey);
    }
    if (stored == null) {
      return new KeyStateView(stage.id(), key, "keys", shard, false, null, Map.of(), null);
    }
    JsonNode value = parse(stored.value());
    Map<String, JsonNode> states = new LinkedHashMap<>();
    JsonNode entries = value.path("e");
    entries.fieldNames().forEachRemaining(name -> states.put(name, entries.get(name).path("v")));
    JsonNode dedup = value.get("d");
    return new KeyStateView(stage.id(), key, "keys", shard, true, stored.version(), states,
        dedup == null || dedup.isNull() ? null : dedup.asText());
  }

  /** The open shard of the stage's input whose hash key range holds the key's explicit hash key, or null. */
  private String shardOf(StageSpec stage, String key) {
    BigInteger hash = new BigInteger(RecordIdentity.explicitHashKey(key));
    String stream = target.names().stream(stage.input().stream());
    for (Shard shard : StreamShardList.of(target.kinesis(), stream)) {
      boolean open = shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null;
      BigInteger from = new BigInteger(shard.hashKeyRange().startingHashKey());
      BigInteger to = new BigInteger(shard.hashKeyRange().endingHashKey());
      if (open && hash.compareTo(from) >= 0 && hash.compareTo(to) <= 0) {
        return shard.shardId();
      }
    }
    return null;
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("the stored state is not JSON", e);
    }
  }
}
