package dev.runnel.inference.calling;

import java.util.Objects;

/**
 * A model's answer to one chat or classify request.
 *
 * @param text         the answer (JSON text)
 * @param inputTokens  prompt tokens the provider reported, 0 when none
 * @param outputTokens answer tokens the provider reported, 0 when none
 */
public record ModelReply(String text, int inputTokens, int outputTokens) {
  public ModelReply {
    Objects.requireNonNull(text, "text");
  }
}
