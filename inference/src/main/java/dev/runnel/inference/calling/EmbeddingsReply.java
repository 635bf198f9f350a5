package dev.runnel.inference.calling;

import java.util.List;

/**
 * A model's answer to one embeddings request.
 *
 * @param vectors     one vector per text, in the order the texts were given
 * @param inputTokens tokens the provider reported for the whole request, 0 when none
 */
public record EmbeddingsReply(List<float[]> vectors, int inputTokens) {
  public EmbeddingsReply {
    vectors = List.copyOf(vectors);
  }
}
