package dev.runnel.operations.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The decoded state of one key of one stage, as {@code runnel state get} prints it.
 *
 * @param stage   the stage
 * @param key     the key
 * @param layout  where the stage keeps its state: {@code keys} (an item per key) or {@code log} (the shard state log)
 * @param shard   the shard of the stage's input that holds the key (its explicit hash key's), or null if unknown
 * @param found   false when the key has no committed state
 * @param version the state's version: the position ({@code shard/sequence number}) of the last record applied to the
 *                key; in the log layout, where keys have no version of their own, the shard's committed position,
 *                followed by the revision of the shard's checkpoint
 * @param states  each state of the key by {@code operator/state}, as JSON
 * @param dedupMemory the key's memory of upstream identities applied (compact form, docs/exactly-once.md), or null
 */
public record KeyStateView(String stage, String key, String layout, String shard, boolean found, String version,
    Map<String, JsonNode> states, String dedupMemory) {
  /** Copies the map, sorted by state name. */
  public KeyStateView {
    states = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(states == null ? Map.of() : states));
  }
}
