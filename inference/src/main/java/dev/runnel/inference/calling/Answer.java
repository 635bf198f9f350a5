package dev.runnel.inference.calling;

import dev.runnel.inference.ModelResult;

/**
 * One prompt's answer from one successful request, before the attempts and latency are known.
 *
 * @param text   chat and classify: the accepted answer; embed: null
 * @param vector embed: the embedding; otherwise null
 */
record Answer(String text, float[] vector, int inputTokens, int outputTokens) {
  /** A text answer. */
  static Answer text(ModelReply reply) {
    return new Answer(reply.text(), null, reply.inputTokens(), reply.outputTokens());
  }

  /** An embedding. */
  static Answer vector(float[] vector, int inputTokens) {
    return new Answer(null, vector, inputTokens, 0);
  }

  /** The final result, after {@code attempts} requests that took {@code latencyMillis} in all. */
  ModelResult toResult(int attempts, long latencyMillis) {
    return vector != null
        ? ModelResult.embedding(vector, inputTokens, attempts, latencyMillis)
        : ModelResult.text(text, inputTokens, outputTokens, attempts, latencyMillis);
  }
}
