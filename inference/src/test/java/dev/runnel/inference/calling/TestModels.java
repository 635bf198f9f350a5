package dev.runnel.inference.calling;

import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.inference.secrets.SecretSource;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Models, limits and environments for caller tests. */
public final class TestModels {
  /** A classify schema with three labels. */
  public static final String SENTIMENT_SCHEMA = "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\","
      + "\"enum\":[\"positive\",\"negative\",\"neutral\"]}},\"required\":[\"label\"],\"additionalProperties\":false}";

  private TestModels() {}

  /** Limits for tests: short timeout and circuit, small numbers. */
  public static ModelLimits limits(int maxConcurrency, long timeoutMillis, int maxRetries, int batchSize) {
    return new ModelLimits(maxConcurrency, 0, 0, timeoutMillis, maxRetries, 64, batchSize, 1_000);
  }

  /** A model called at {@code endpoint}. */
  public static ModelSpec model(ModelProvider provider, String modelId, String endpoint, String apiKey,
      ModelLimits limits) {
    return new ModelSpec("test-model", provider, modelId, "1", endpoint, null, apiKey,
        "You classify the sentiment of reviews.", limits);
  }

  /** An environment with the given rate limiter and secrets, and fake AWS credentials. */
  public static ModelEnvironment environment(RateLimiter limiter, SecretSource secrets, InferenceCounters counters) {
    return new ModelEnvironment(Map.of(), secrets, name -> limiter, Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), counters);
  }

  /** A rate limiter that counts what it admits. */
  public static final class CountingLimiter implements RateLimiter {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public void acquire(int requests, long tokens) {
      this.requests.addAndGet(requests);
      this.tokens.addAndGet(tokens);
    }

    /** Requests admitted. */
    public long requests() {
      return requests.get();
    }

    /** Tokens admitted. */
    public long tokens() {
      return tokens.get();
    }
  }
}
