package dev.runnel.plan;

/**
 * How a stage calls a model: concurrency, rate limits shared by every instance of the job, timeouts, retries and the
 * circuit breaker (docs/inference.md).
 *
 * @param maxConcurrency     requests in flight at once within one function instance, at least 1
 * @param requestsPerMinute  requests per minute across every instance of the job, 0 for no limit
 * @param tokensPerMinute    tokens per minute (prompt estimate plus {@code maxOutputTokens}) across every instance, 0
 *                           for no limit
 * @param timeoutMillis      the time one attempt may take before it is abandoned and retried
 * @param maxRetries         attempts after the first before a record goes to the dead letters
 * @param maxOutputTokens    the most tokens an answer may have (chat and classify)
 * @param batchSize          texts per embeddings request, at least 1
 * @param circuitOpenMillis  how long the circuit stays open after the endpoint failed repeatedly
 */
public record ModelLimits(int maxConcurrency, int requestsPerMinute, long tokensPerMinute, long timeoutMillis,
    int maxRetries, int maxOutputTokens, int batchSize, long circuitOpenMillis) {
  public ModelLimits {
    if (maxConcurrency < 1 || batchSize < 1 || requestsPerMinute < 0 || tokensPerMinute < 0 || timeoutMillis <= 0
        || maxRetries < 0 || maxOutputTokens < 1 || circuitOpenMillis <= 0) {
      throw new IllegalArgumentException("model limits out of range: " + maxConcurrency + " concurrent, "
          + requestsPerMinute + " rpm, " + tokensPerMinute + " tpm, timeout " + timeoutMillis + " ms, "
          + maxRetries + " retries, " + maxOutputTokens + " output tokens, batch " + batchSize
          + ", circuit open " + circuitOpenMillis + " ms");
    }
  }
}
