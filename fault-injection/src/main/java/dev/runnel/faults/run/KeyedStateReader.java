package dev.runnel.faults.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.dynamodb.DynamoDbStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the committed keyed state of a job after a run, as comparable lines {@code stage|key {state: value, ...}}:
 * every key of every stage, loaded through the state store (chunks reassembled), with only the states' values. The
 * version, write times and dedup memory differ from run to run and are left out; the values must not.
 */
final class KeyedStateReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final DynamoDbClient dynamoDb;

  KeyedStateReader(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /** Every key's state values, sorted; empty for a job without keyed state. */
  List<String> read(Plan plan) {
    List<String> lines = new ArrayList<>();
    for (var table : plan.tables(TableRole.STATE)) {
      List<StateKey> keys = keys(plan, table.name());
      try (DynamoDbStateStore store = new DynamoDbStateStore(dynamoDb, table.name())) {
        for (StoredState state : store.load(keys).values()) {
          lines.add(state.key().stage() + "|" + state.key().key() + " " + values(state.value()));
        }
      }
    }
    lines.sort(null);
    return lines;
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

  /** The values of a stored key state (the runtime's {@code {"e": {"op/state": {"v": value}}}}), keys sorted. */
  private static String values(byte[] stored) {
    try {
      Map<String, JsonNode> values = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> entries = JSON.readTree(stored).path("e").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        values.put(entry.getKey(), entry.getValue().get("v"));
      }
      return JSON.writeValueAsString(JSON.convertValue(values, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
