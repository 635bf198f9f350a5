package dev.runnel.functions.inference;

import dev.runnel.inference.results.ResultKey;
import dev.runnel.plan.InferenceSpec;
import dev.runnel.plan.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored-answer keys of one inference operator: {@code pk} = stage and the input record's identity, {@code sk} =
 * operator, model, model version and the SHA-256 of everything sent (system prompt, task, schema or labels, prompt).
 * Any change to what is asked, or a new model version, is a new key, so it is asked afresh.
 */
public final class ResultKeys {
  private final String stage;
  private final String operator;
  private final String model;
  private final String version;
  private final String askedBefore;

  /** The keys of operator {@code operator} of {@code stage}, calling {@code model} as {@code spec} says. */
  public ResultKeys(String stage, String operator, ModelSpec model, InferenceSpec spec) {
    this.stage = stage;
    this.operator = operator;
    this.model = model.name();
    this.version = model.modelId() + "@" + model.version();
    this.askedBefore = model.systemPrompt() + "\u0000" + spec.task() + "\u0000"
        + (spec.outputSchema() == null ? "" : spec.outputSchema()) + "\u0000" + model.limits().maxOutputTokens()
        + "\u0000";
  }

  /** The key of the answer to {@code prompt} for the input record {@code inputIdentity}. */
  public ResultKey of(String inputIdentity, String prompt) {
    return new ResultKey(stage + "|" + inputIdentity, operator + "|" + model + "|" + version + "|"
        + sha256(askedBefore + prompt));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
