package dev.runnel.functions.inference;

import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.results.InferenceResultStore;
import dev.runnel.inference.results.ResultKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores answers as they arrive, in batches (every {@link #BATCH} answers or {@link #FLUSH_MILLIS} ms), so that a
 * function killed in the middle of its calls (a Lambda timeout) keeps what it was already told. What is stored first
 * wins; the batch's answers become the stored ones.
 */
final class StoredAnswerWriter {
  static final int BATCH = 25;
  static final long FLUSH_MILLIS = 200;

  private final InferenceResultStore store;
  private final BatchAnswers answers;
  private final Map<ResultKey, ModelResult> pending = new LinkedHashMap<>();
  private long lastFlush = System.nanoTime();

  StoredAnswerWriter(InferenceResultStore store, BatchAnswers answers) {
    this.store = store;
    this.answers = answers;
  }

  /** Takes one answer; may store the pending ones. */
  synchronized void accept(ModelCaller.PromptResult result) {
    pending.put(ResultKey.parse(result.key()), result.result());
    if (pending.size() >= BATCH || System.nanoTime() - lastFlush >= FLUSH_MILLIS * 1_000_000) {
      flush();
    }
  }

  /** Stores what is pending. */
  synchronized void flush() {
    lastFlush = System.nanoTime();
    if (pending.isEmpty()) {
      return;
    }
    Map<ResultKey, ModelResult> stored = store.putIfAbsent(pending);
    answers.putAll(stored);
    pending.clear();
  }
}
