package dev.runnel.bench.embeddings;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Throughput of the in-process embedding model (all-MiniLM-L6-v2, quantized) through the model caller an inference
 * stage uses, for several batch sizes and concurrencies, measured side by side in one JVM after a warm-up. The texts
 * are short product comments like the examples' (10-20 words).
 */
public final class EmbeddingThroughputBench {
  private static final String[] WORDS = ("love great quality shipping arrived late broken refund size fit colour "
      + "host stream price discount blue jacket mug coffee desk lamp fast slow cheap expensive soft warm return "
      + "order gift birthday perfect terrible amazing okay").split(" ");

  private EmbeddingThroughputBench() {}

  /** Runs {@code args[0]} texts (default 512) per configuration, {@code args[1]} rounds (default 3). */
  public static void main(String[] args) {
    int texts = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int[][] configurations = {{1, 1}, {8, 1}, {32, 1}, {32, 2}, {64, 2}};
    System.out.printf(Locale.ROOT, "in-process embeddings (all-minilm-l6-v2-q, 384 dims), %d texts per run, %d "
        + "rounds, %d processors%n", texts, rounds, Runtime.getRuntime().availableProcessors());
    run(32, 2, texts(64, 0)); // warm-up: loads the model and lets the JIT compile
    System.out.printf("%-10s %-12s %14s %14s%n", "batch", "concurrency", "vectors/s", "ms/vector");
    for (int[] configuration : configurations) {
      List<Double> rates = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        rates.add(run(configuration[0], configuration[1], texts(texts, round + 1)));
      }
      rates.sort(null);
      double median = rates.get(rates.size() / 2);
      System.out.printf(Locale.ROOT, "%-10d %-12d %14.1f %14.2f%n", configuration[0], configuration[1], median,
          1000 / median);
    }
  }

  /** Embeds the texts through a fresh caller; returns vectors per second. */
  private static double run(int batchSize, int concurrency, List<Prompt> prompts) {
    ModelSpec model = new ModelSpec("minilm", ModelProvider.IN_PROCESS, "all-minilm-l6-v2-q", "1", null, null, null,
        "", new ModelLimits(concurrency, 0, 0, 60_000, 0, 1, batchSize, 30_000));
    ModelEnvironment environment = new ModelEnvironment(Map.of(), reference -> {
      throw new IllegalStateException("the in-process model needs no secret");
    }, name -> RateLimiter.NONE, Region.US_EAST_1, AnonymousCredentialsProvider.create(), new InferenceCounters());
    AtomicInteger answered = new AtomicInteger();
    try (ModelCaller caller = ModelCallers.create(model, InferenceTask.EMBED, null, environment)) {
      long started = System.nanoTime();
      caller.callAll(prompts, AnswerCheck.ANY, result -> {
        if (result.result().succeeded()) {
          answered.incrementAndGet();
        }
      });
      double seconds = (System.nanoTime() - started) / 1e9;
      if (answered.get() != prompts.size()) {
        throw new IllegalStateException("only " + answered.get() + " of " + prompts.size() + " texts embedded");
      }
      return prompts.size() / seconds;
    }
  }

  /** Distinct short comments, different in every round. */
  private static List<Prompt> texts(int count, int round) {
    List<Prompt> prompts = new ArrayList<>(count);
    java.util.Random random = new java.util.Random(round * 7919L);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int words = 10 + random.nextInt(11);
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      prompts.add(new Prompt("r" + round + "-" + i, text + " #" + i));
    }
    return prompts;
  }
}
