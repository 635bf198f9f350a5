package dev.runnel.inference;

import java.util.Objects;

/**
 * One thing to ask a model.
 *
 * @param key  identifies the answer (the stored result's key, opaque to callers); answers are reported under it
 * @param text the rendered prompt (chat and classify: the user message; embed: the text to embed)
 */
public record Prompt(String key, String text) {
  public Prompt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(text, "text");
  }

  /** A rough token count for rate limiting before the call: four characters a token, at least one. */
  public long estimatedTokens() {
    return Math.max(1, text.length() / 4);
  }
}
