package dev.runnel.functions.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.codec.RunnelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The stored form of one key's states: a JSON object {@code {"e": {"op/state": {"v": value, "t": millis}}, "d":
 * "dedup memory"}}, the dedup memory in its compact text form ({@code AppliedIdentities.encode}). States the stage
 * no longer declares are dropped when read; expired ones when written.
 */
public final class KeyStateCodec {
  private static final ObjectMapper JSON = RunnelJson.MAPPER;
  /** Items live at least this long after their last write, so the dedup memory outlives any zombie. */
  private static final long MINIMUM_ITEM_LIFE_SECONDS = 86_400;

  private final Map<String, StateBinding> bindings;

  /** A codec for the stage's states. */
  public KeyStateCodec(List<StateBinding> bindings) {
    this.bindings = new HashMap<>();
    bindings.forEach(b -> this.bindings.put(b.id(), b));
  }

  /** Decodes a stored item of {@code key} at {@code version}. */
  public KeyState decode(String key, String version, byte[] stored) {
    try {
      JsonNode root = JSON.readTree(stored);
      Map<String, StateEntry> entries = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = root.path("e").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        StateBinding binding = bindings.get(field.getKey());
        if (binding != null) {
          Object value = JSON.readerFor(binding.storedType()).readValue(field.getValue().get("v"));
          entries.put(field.getKey(), new StateEntry(value, field.getValue().get("t").asLong()));
        }
      }
      AppliedIdentities identities = root.has("d") ? AppliedIdentities.decode(root.get("d").asText())
          : AppliedIdentities.EMPTY;
      return new KeyState(key, version, entries, identities);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the stored state of key '" + key + "'", e);
    }
  }

  /** Encodes a key's live states and dedup memory. */
  public byte[] encode(KeyState state, long nowMillis) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode entries = root.putObject("e");
    state.entries().forEach((id, entry) -> {
      StateBinding binding = bindings.get(id);
      if (binding != null && state.value(binding, nowMillis) != null) {
        ObjectNode node = entries.putObject(id);
        node.set("v", JSON.valueToTree(entry.value()));
        node.put("t", entry.updatedMillis());
      }
    });
    root.put("d", state.identities().encode());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the state of key '" + state.key() + "'", e);
    }
  }

  /**
   * When the item may be deleted by DynamoDB's TTL: after the longest-lived state expires, and never sooner than a
   * day after the last write; 0 (never) when some state lives forever.
   */
  public long expiresAtEpochSeconds(KeyState state, long nowMillis) {
    long latest = nowMillis / 1000 + MINIMUM_ITEM_LIFE_SECONDS;
    for (Map.Entry<String, StateEntry> entry : state.entries().entrySet()) {
      StateBinding binding = bindings.get(entry.getKey());
      if (binding == null) {
        continue;
      }
      if (binding.ttlMillis() == 0) {
        return 0;
      }
      latest = Math.max(latest, (entry.getValue().updatedMillis() + binding.ttlMillis()) / 1000);
    }
    return latest;
  }

}
