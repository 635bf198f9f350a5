package dev.runnel.inference.results;

import dev.runnel.inference.ModelResult;
import java.util.Collection;
import java.util.Map;

/**
 * The answers a stage obtained, kept so that every prompt is answered by a model once: a replay, retry or re-split
 * batch reads them back instead of calling again. The first result stored under a key wins.
 */
public interface InferenceResultStore {
  /** The stored results among {@code keys} (strongly consistent); absent keys have none. Batched. */
  Map<ResultKey, ModelResult> getAll(Collection<ResultKey> keys);

  /**
   * Stores each result unless its key already has one, and returns, for every key given, the result now stored:
   * the one given, or the one an earlier or concurrent attempt stored first. Batched.
   */
  Map<ResultKey, ModelResult> putIfAbsent(Map<ResultKey, ModelResult> results);
}
