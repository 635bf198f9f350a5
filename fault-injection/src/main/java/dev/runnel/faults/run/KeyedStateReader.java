package dev.runnel.faults.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.functions.codec.JsonLimits;
import dev.runnel.functions.exactlyonce.ShardStateReader;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.dynamodb.DynamoDbStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the committed keyed state of a job after a run, as comparable lines {@code stage|key {state: value, ...}}:
 * every key of every stage, with only the states' values. A stage in the per-key layout is read through the state
 * store (chunks reassembled); one in the log layout through {@link ShardStateReader}, shard by shard (every shard
 * with a checkpoint), each key's state encoded as the per-key layout stores it, so both read alike. The
 * version (with the last firing round), write times and dedup memory differ from run to run and are left out; the
 * values must not. Window state (the key's open windows: bounds, contents, firings) and timer state (the key's
 * pending timers) are values like any other, except that processing-time timers are left out: their times come from
 * the wall clock. The progress table and the timer index are hints, not results, and are not read.
 */
final class KeyedStateReader {
  private static final ObjectMapper JSON = JsonMapper.builder(JsonLimits.factory()) // reads what the runtime writes
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final DynamoDbClient dynamoDb;
  private final JobClasses classes;

  KeyedStateReader(DynamoDbClient dynamoDb, ClassLoader jobClassLoader) {
    this.dynamoDb = dynamoDb;
    this.classes = new JobClasses(jobClassLoader);
  }

  /** Every key's state values, sorted; empty for a job without keyed state. */
  List<String> read(Plan plan) {
    Set<String> timers = new HashSet<>();
    for (StageSpec stage : plan.stages()) {
      for (StateSpec state : stage.state()) {
        if (state.kind() == StateKind.TIMERS) {
          timers.add(state.operator() + "/" + state.name());
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (var table : plan.tables(TableRole.STATE)) {
      List<StateKey> keys = keys(plan, table.name());
      try (DynamoDbStateStore store = new DynamoDbStateStore(dynamoDb, table.name())) {
        for (StoredState state : store.load(keys).values()) {
          lines.add(state.key().stage() + "|" + state.key().key() + " " + values(state.value(), timers));
        }
      }
    }
    for (StageSpec stage : plan.stages()) {
      if (stage.layout() == StateLayout.LOG && !stage.state().isEmpty()) {
        lines.addAll(logLayout(plan, stage, timers));
      }
    }
    lines.sort(null);
    return lines;
  }

  /** The lines of a stage in the log layout: every key of every shard with a checkpoint. */
  private List<String> logLayout(Plan plan, StageSpec stage, Set<String> timers) {
    ShardStateReader reader = ShardStateReader.of(plan, stage.id(), dynamoDb, classes);
    KeyStateCodec codec = new KeyStateCodec(StageStates.of(stage, classes).bindings());
    List<String> lines = new ArrayList<>();
    for (String shard : shards(plan, stage.id())) {
      for (CommittedKeyState state : reader.read(shard).keys().values()) {
        lines.add(stage.id() + "|" + state.key() + " " + values(codec.encode(state), timers));
      }
    }
    return lines;
  }

  /** The shards of {@code stage} with a checkpoint item. */
  private List<String> shards(Plan plan, String stage) {
    List<String> shards = new ArrayList<>();
    for (var table : plan.tables(TableRole.CHECKPOINT)) {
      for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(r -> r.tableName(table.name())
          .consistentRead(true)).items()) {
        AttributeValue itemStage = item.get(DynamoDbCheckpointStore.STAGE);
        AttributeValue shard = item.get(DynamoDbCheckpointStore.SHARD_ID);
        if (itemStage != null && stage.equals(itemStage.s()) && shard != null) {
          shards.add(shard.s());
        }
      }
    }
    return shards;
  }

  /** The keys whose head items the table holds: {@code <stage>|<key>} (chunks are {@code <stage>#...}). */
  private List<StateKey> keys(Plan plan, String table) {
    List<StateKey> keys = new ArrayList<>();
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()) {
      String pk = item.get("pk").s();
      for (StageSpec stage : plan.stages()) {
        if (pk.startsWith(stage.id() + "|")) {
          keys.add(new StateKey(stage.id(), pk.substring(stage.id().length() + 1)));
        }
      }
    }
    return keys;
  }

  /**
   * The values of a stored key state (the runtime's {@code {"e": {"op/state": {"v": value}}}}), keys sorted; of the
   * {@code timers} states, only the event-time timers.
   */
  private static String values(byte[] stored, Set<String> timers) {
    try {
      Map<String, JsonNode> values = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : JSON.readTree(stored).path("e").properties()) {
        JsonNode value = entry.getValue().get("v");
        if (timers.contains(entry.getKey()) && value != null && value.isArray()) {
          ArrayNode eventTime = JSON.createArrayNode();
          value.forEach(timer -> {
            if (!"PROCESSING_TIME".equals(timer.path("domain").asText())) {
              eventTime.add(timer);
            }
          });
          if (eventTime.isEmpty()) {
            continue; // only processing-time timers: as if none were pending
          }
          value = eventTime;
        }
        values.put(entry.getKey(), value);
      }
      return JSON.writeValueAsString(JSON.convertValue(values, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
