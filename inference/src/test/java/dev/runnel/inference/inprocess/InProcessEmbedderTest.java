package dev.runnel.inference.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.CollectedResults;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.TestModels;
import dev.runnel.inference.calling.TestModels.CountingLimiter;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process MiniLM model: offline, 384 dimensions, meaningful distances, batches; and its throughput. */
class InProcessEmbedderTest {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessEmbedderTest.class);

  private static ModelSpec model(String modelId, int batchSize) {
    return new ModelSpec("minilm", ModelProvider.IN_PROCESS, modelId, "1", null, null, null, "",
        new ModelLimits(2, 0, 0, 30_000, 1, 1, batchSize, 1_000));
  }

  private static Map<String, float[]> embed(List<Prompt> prompts, int batchSize, CountingLimiter limiter) {
    CollectedResults results = new CollectedResults();
    try (ModelCaller caller = ModelCallers.create(model("all-minilm-l6-v2-q", batchSize), InferenceTask.EMBED, null,
        TestModels.environment(limiter, reference -> "unused", new InferenceCounters()))) {
      caller.callAll(prompts, AnswerCheck.ANY, results);
    }
    assertThat(results.byKey().values()).allSatisfy(result -> assertThat(result.succeeded()).isTrue());
    Map<String, float[]> vectors = new java.util.LinkedHashMap<>();
    results.byKey().forEach((key, result) -> vectors.put(key, result.vector()));
    return vectors;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void embedsOfflineWithSimilarTextsCloser() {
    Map<String, float[]> vectors = embed(List.of(
        new Prompt("cat", "The cat sat on the mat."),
        new Prompt("kitten", "A kitten was sitting on the rug."),
        new Prompt("stocks", "Stock markets fell sharply after the interest rate decision.")), 8,
        new CountingLimiter());

    assertThat(vectors.values()).allSatisfy(vector -> assertThat(vector).hasSize(384));
    assertThat(cosine(vectors.get("cat"), vectors.get("kitten")))
        .isGreaterThan(cosine(vectors.get("cat"), vectors.get("stocks")) + 0.2);
  }

  @Test
  void embedsInBatchesAndMeasuresThroughput() {
    List<Prompt> prompts = IntStream.range(0, 200)
        .mapToObj(i -> new Prompt("t" + i, "Order " + i + " of a blue kettle arrived late but works fine, says customer "
            + (i * 7919 % 1000) + "."))
        .toList();
    embed(prompts.subList(0, 4), 32, new CountingLimiter()); // loads the model before timing
    CountingLimiter limiter = new CountingLimiter();

    long started = System.nanoTime();
    Map<String, float[]> vectors = embed(prompts, 32, limiter);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(vectors).hasSize(200);
    assertThat(limiter.requests()).isEqualTo(7); // ceil(200 / 32)
    LOG.warn("in-process all-minilm-l6-v2-q: {} vectors in {} s = {} vectors/s (batches of 32, {} cores)", 200,
        String.format("%.2f", seconds), String.format("%.0f", 200 / seconds),
        Runtime.getRuntime().availableProcessors());
  }

  @Test
  void refusesOtherTasksAndUnknownModels() {
    InferenceCounters counters = new InferenceCounters();
    assertThatThrownBy(() -> ModelCallers.create(model("all-minilm-l6-v2-q", 8), InferenceTask.CHAT, "{}",
        TestModels.environment(RateLimiter.NONE, reference -> "unused", counters)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only embed");
    assertThatThrownBy(() -> ModelCallers.create(model("bge-large", 8), InferenceTask.EMBED, null,
        TestModels.environment(RateLimiter.NONE, reference -> "unused", counters)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bge-large")
        .hasMessageContaining("all-minilm-l6-v2-q");
  }
}
