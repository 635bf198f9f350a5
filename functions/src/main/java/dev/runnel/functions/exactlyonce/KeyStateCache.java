package dev.runnel.functions.exactlyonce;

import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.statestore.StateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed state of recently used keys, decoded, kept by a warm instance so the next batch of its shard neither
 * reads nor decodes them. Entries are never validated with a read: a stale one makes the conditional write fail, and
 * the cache is dropped.
 */
final class KeyStateCache {
  private final Map<StateKey, CommittedKeyState> entries;

  KeyStateCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<StateKey, CommittedKeyState> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached state of a key, or null. */
  CommittedKeyState get(StateKey key) {
    return entries.get(key);
  }

  /** Records what is now committed for a key; null for a key known to have no item. */
  void put(StateKey key, CommittedKeyState state) {
    entries.put(key, state);
  }

  /** True when the key's committed state (or absence) is cached. */
  boolean contains(StateKey key) {
    return entries.containsKey(key);
  }

  /** Forgets everything, after a conflict. */
  void clear() {
    entries.clear();
  }
}
