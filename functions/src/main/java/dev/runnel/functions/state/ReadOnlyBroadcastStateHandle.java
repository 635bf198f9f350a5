package dev.runnel.functions.state;

import dev.runnel.api.ReadOnlyBroadcastState;
import java.util.Collections;
import java.util.Map;

/** The shard's broadcast state as a keyed record reads it, whatever that record's key (docs/broadcast.md). */
final class ReadOnlyBroadcastStateHandle<K, V> implements ReadOnlyBroadcastState<K, V> {
  private final StateBinding binding;
  private final CurrentKey current;

  ReadOnlyBroadcastStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> stored() {
    Map<K, V> map = (Map<K, V>) current.broadcastValue(binding);
    return map == null ? Map.of() : map;
  }

  @Override
  public V get(K key) {
    return stored().get(key);
  }

  @Override
  public boolean contains(K key) {
    return stored().containsKey(key);
  }

  @Override
  public Map<K, V> entries() {
    return Collections.unmodifiableMap(stored());
  }
}
