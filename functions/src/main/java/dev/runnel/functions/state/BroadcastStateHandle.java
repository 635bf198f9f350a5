package dev.runnel.functions.state;

import dev.runnel.api.BroadcastState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shard's broadcast state as an {@code @OnBroadcast} method changes it: the state of the current key, which is
 * the shard's reserved broadcast key while a broadcast record is applied. Every change stores a new map, so a failed
 * record can be undone.
 */
final class BroadcastStateHandle<K, V> implements BroadcastState<K, V> {
  private final StateBinding binding;
  private final CurrentKey current;

  BroadcastStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> stored() {
    Map<K, V> map = (Map<K, V>) current.value(binding);
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

  @Override
  public void put(K key, V value) {
    Map<K, V> map = new LinkedHashMap<>(stored());
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
    current.put(binding, map.isEmpty() ? null : map);
  }

  @Override
  public void remove(K key) {
    put(key, null);
  }

  @Override
  public void clear() {
    current.put(binding, null);
  }
}
