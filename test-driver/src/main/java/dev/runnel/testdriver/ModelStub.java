package dev.runnel.testdriver;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a test's stand-in for a model answers: for a chat or classify stage, the answer (JSON text, or an object the
 * driver writes as JSON) to each rendered prompt; for an embedding stage, the vector of each text. The stage checks
 * the answer against its output type and stores it as it would a real one. A prompt the stub has no answer for fails
 * the call as a rejected request would (the record goes to the dead letters).
 */
public final class ModelStub {
  private final Function<String, ?> answers;
  private final Function<String, float[]> vectors;

  private ModelStub(Function<String, ?> answers, Function<String, float[]> vectors) {
    this.answers = answers;
    this.vectors = vectors;
  }

  /** Answers each prompt with {@code answer.apply(prompt)}: a JSON string, an object, or null for no answer. */
  public static ModelStub answering(Function<String, ?> answer) {
    return new ModelStub(Objects.requireNonNull(answer, "answer"), null);
  }

  /** Answers the prompts in {@code byPrompt} (prompt text to answer), and no other. */
  public static ModelStub answers(Map<String, ?> byPrompt) {
    Map<String, ?> copy = Map.copyOf(byPrompt);
    return new ModelStub(copy::get, null);
  }

  /** Embeds each text as {@code vector.apply(text)}. */
  public static ModelStub embedding(Function<String, float[]> vector) {
    return new ModelStub(null, Objects.requireNonNull(vector, "vector"));
  }

  /** The answer to {@code prompt}, or null when the stub has none. */
  Object answer(String prompt) {
    return answers == null ? null : answers.apply(prompt);
  }

  /** The vector of {@code text}, or null when the stub has none. */
  float[] vector(String text) {
    return vectors == null ? null : vectors.apply(text);
  }
}
