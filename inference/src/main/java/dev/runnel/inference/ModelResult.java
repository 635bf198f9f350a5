package dev.runnel.inference;

import java.util.Objects;

/**
 * What one prompt finally got from its model, after retries: an answer or the error that ended its retries. It is
 * stored before anything uses it, so a replay reuses it rather than calling again.
 *
 * @param answer        chat and classify: the answer text (JSON); embed: null
 * @param vector        embed: the embedding; otherwise null
 * @param error         null on success; otherwise the model's error after the last retry, for the dead letters
 * @param inputTokens   prompt tokens the provider reported (0 when it reports none)
 * @param outputTokens  answer tokens the provider reported
 * @param attempts      how many requests it took (1 without retries)
 * @param latencyMillis time from the first attempt to the final answer
 */
public record ModelResult(String answer, float[] vector, String error, int inputTokens, int outputTokens,
    int attempts, long latencyMillis) {

  /** A successful text answer. */
  public static ModelResult text(String answer, int inputTokens, int outputTokens, int attempts, long latencyMillis) {
    return new ModelResult(Objects.requireNonNull(answer, "answer"), null, null, inputTokens, outputTokens, attempts,
        latencyMillis);
  }

  /** A successful embedding. */
  public static ModelResult embedding(float[] vector, int inputTokens, int attempts, long latencyMillis) {
    return new ModelResult(null, Objects.requireNonNull(vector, "vector"), null, inputTokens, 0, attempts,
        latencyMillis);
  }

  /** A prompt that failed for good: its record goes to the dead letters with {@code error}. */
  public static ModelResult failed(String error, int attempts, long latencyMillis) {
    return new ModelResult(null, null, Objects.requireNonNull(error, "error"), 0, 0, attempts, latencyMillis);
  }

  /** True when the model answered. */
  public boolean succeeded() {
    return error == null;
  }
}
