package dev.runnel.functions.inference;

import dev.runnel.inference.ModelResult;
import dev.runnel.inference.results.ResultKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers of the batch being processed, and the identity of the record running through the operators now. The
 * inference phase fills it; inference operators read it. One per stage instance, used by one thread at a time.
 */
public final class BatchAnswers {
  private final Map<ResultKey, ModelResult> answers = new HashMap<>();
  private String currentInput;

  /** Forgets the previous batch. */
  public void clear() {
    answers.clear();
    currentInput = null;
  }

  /** Adds answers. */
  public void putAll(Map<ResultKey, ModelResult> more) {
    answers.putAll(more);
  }

  /** True when {@code key} has an answer. */
  public boolean has(ResultKey key) {
    return answers.containsKey(key);
  }

  /** The answer stored under {@code key}, or null. */
  public ModelResult get(ResultKey key) {
    return answers.get(key);
  }

  /** Sets the identity of the input record the operators are running for. */
  public void current(String inputIdentity) {
    currentInput = inputIdentity;
  }

  /** The identity of the input record the operators are running for. */
  public String current() {
    if (currentInput == null) {
      throw new IllegalStateException("no input record is being processed");
    }
    return currentInput;
  }
}
