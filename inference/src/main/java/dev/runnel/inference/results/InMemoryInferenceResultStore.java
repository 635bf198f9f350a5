package dev.runnel.inference.results;

import dev.runnel.inference.ModelResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link InferenceResultStore} in a map, for unit tests and single-process local runs; nothing expires. */
public final class InMemoryInferenceResultStore implements InferenceResultStore {
  private final ConcurrentHashMap<ResultKey, ModelResult> results = new ConcurrentHashMap<>();

  @Override
  public Map<ResultKey, ModelResult> getAll(Collection<ResultKey> keys) {
    Map<ResultKey, ModelResult> found = new LinkedHashMap<>();
    for (ResultKey key : keys) {
      ModelResult result = results.get(key);
      if (result != null) {
        found.put(key, result);
      }
    }
    return found;
  }

  @Override
  public Map<ResultKey, ModelResult> putIfAbsent(Map<ResultKey, ModelResult> given) {
    Map<ResultKey, ModelResult> stored = new LinkedHashMap<>();
    given.forEach((key, result) -> {
      ModelResult earlier = results.putIfAbsent(key, Objects.requireNonNull(result, "result"));
      stored.put(key, earlier == null ? result : earlier);
    });
    return stored;
  }

  /** How many results are stored. */
  public int size() {
    return results.size();
  }
}
