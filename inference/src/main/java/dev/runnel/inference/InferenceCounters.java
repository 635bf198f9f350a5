package dev.runnel.inference;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link InferenceMetrics}; latencies go to an HdrHistogram. */
public final class InferenceCounters {
  private final LongAdder requests = new LongAdder();
  private final LongAdder prompts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder inputTokens = new LongAdder();
  private final LongAdder outputTokens = new LongAdder();
  private final Recorder latencies = new Recorder(3);
  private final Histogram total = new Histogram(3);

  /** One request sent; {@code retry} when it repeats an earlier attempt. */
  public void requestSent(boolean retry) {
    requests.increment();
    if (retry) {
      retries.increment();
    }
  }

  /** A prompt's final result from the model (not from the store). */
  public void answered(ModelResult result) {
    prompts.increment();
    if (!result.succeeded()) {
      failed.increment();
    }
    inputTokens.add(result.inputTokens());
    outputTokens.add(result.outputTokens());
    latencies.recordValue(Math.max(0, result.latencyMillis()));
  }

  /** {@code count} prompts answered from stored results. */
  public void reused(int count) {
    cacheHits.add(count);
  }

  /** The counters now. */
  public synchronized InferenceMetrics snapshot() {
    total.add(latencies.getIntervalHistogram());
    long p50 = total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(50);
    long p99 = total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(99);
    return new InferenceMetrics(requests.sum(), prompts.sum(), retries.sum(), failed.sum(), cacheHits.sum(),
        inputTokens.sum(), outputTokens.sum(), p50, p99);
  }
}
