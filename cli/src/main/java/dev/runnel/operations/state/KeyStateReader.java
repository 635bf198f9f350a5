package dev.runnel.operations.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.exactlyonce.ShardStateReader;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.operations.target.JobTarget;
import dev.runnel.operations.target.StreamShardList;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.dynamodb.DynamoDbStateStore;
import dev.runnel.statestore.statelog.DynamoDbStateLogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Reads the committed state of one key of a keyed stage, in either layout: the key's item of {@code <job>-state}
 * (read consistently, chunks assembled, as the stage reads it) or its shard's state log (through
 * {@link ShardStateReader}, the job's state classes loaded from this thread's class loader).
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
      return fromStateLog(stage, key, shard);
    }
    return fromKeyItem(stage, key, shard);
  }

  /**
   * The key's state in the log layout: the committed state of the open shard whose hash range holds the key, read as
   * a stage reads it on a cold start ({@link ShardStateReader}); if that shard does not hold the key, the other
   * shards of the input (a parent closed by a reshard) in the order ListShards gives them.
   */
  private KeyStateView fromStateLog(StageSpec stage, String key, String shard) {
    String checkpoints = target.table(TableRole.CHECKPOINT).orElseThrow();
    String stateLog = target.table(TableRole.STATE_LOG).orElseThrow(() -> new IllegalStateException("stage "
        + stage.id() + " keeps its state in a state log, but the plan of job " + target.plan().job() + " has none"));
    KeyStateCodec codec = new KeyStateCodec(StageStates.of(stage, JobClasses.ofCurrentThread()).bindings());
    DynamoDbCheckpointStore checkpointStore = new DynamoDbCheckpointStore(target.dynamoDb(), checkpoints);
    ShardStateReader reader = new ShardStateReader(stage.id(), checkpointStore,
        new DynamoDbStateLogStore(target.dynamoDb(), stateLog), codec);
    List<String> shards = new java.util.ArrayList<>();
    if (shard != null) {
      shards.add(shard);
    }
    StreamShardList.of(target.kinesis(), target.names().stream(stage.input().stream())).stream()
        .map(Shard::shardId).filter(id -> !id.equals(shard)).forEach(shards::add);
    for (String candidate : shards) {
      ShardStateReader.CommittedShard committed = reader.read(candidate);
      CommittedKeyState state = committed.keys().get(key);
      if (state != null) {
        // a key of the log layout has no version of its own: its shard's checkpoint is the version of all its keys
        String position = checkpointStore.load(stage.id(), candidate)
            .filter(c -> c.revision() == committed.revision()).map(c -> candidate + "/" + c.position()).orElse(null);
        String version = (state.version() != null ? state.version() : position) + " (checkpoint revision "
            + committed.revision() + ")";
        return view(stage, key, "log", candidate, version, codec.encode(state));
      }
    }
    return new KeyStateView(stage.id(), key, "log", shard, false, null, Map.of(), null);
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
    return view(stage, key, "keys", shard, stored.version(), stored.value());
  }

  /** A found key's view from its stored form ({@code {"e": {"op/state": {"v": value}}, "d": "memory"}}). */
  private static KeyStateView view(StageSpec stage, String key, String layout, String shard, String version,
      byte[] stored) {
    JsonNode value = parse(stored);
    Map<String, JsonNode> states = new LinkedHashMap<>();
    JsonNode entries = value.path("e");
    entries.fieldNames().forEachRemaining(name -> states.put(name, entries.get(name).path("v")));
    JsonNode dedup = value.get("d");
    return new KeyStateView(stage.id(), key, layout, shard, true, version, states,
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
