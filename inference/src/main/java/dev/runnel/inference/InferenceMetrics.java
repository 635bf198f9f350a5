package dev.runnel.inference;

/**
 * Counters of a stage's model use since its instance started.
 *
 * @param requests      HTTP (or in-process) requests sent, retries included; an embeddings batch is one request
 * @param prompts       prompts answered by a model (not from the store)
 * @param retries       requests that were retries
 * @param failed        prompts that failed after their retries
 * @param cacheHits     prompts whose stored result was reused (replays, retries, re-split batches)
 * @param inputTokens   prompt tokens reported by the provider
 * @param outputTokens  answer tokens reported by the provider
 * @param p50Millis     median latency of one prompt's answer (retries included)
 * @param p99Millis     99th percentile of the same
 */
public record InferenceMetrics(long requests, long prompts, long retries, long failed, long cacheHits,
    long inputTokens, long outputTokens, long p50Millis, long p99Millis) {
  /** Nothing yet. */
  public static final InferenceMetrics NONE = new InferenceMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
