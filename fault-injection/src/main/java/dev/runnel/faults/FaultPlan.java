package dev.runnel.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Which faults a run injects and how often, and the one seed all its random choices derive from.
 *
 * @param seed              replays the run's choices (up to thread timing between shards)
 * @param probabilities     per {@link FaultKind}, the chance per opportunity, 0..1; absent kinds are never injected
 * @param tickProbabilities per {@link FaultKind}, the chance per opportunity in a tick, where it differs from
 *                          {@code probabilities} (ticks fire few rounds, so a test may want every one to crash)
 */
public record FaultPlan(long seed, Map<FaultKind, Double> probabilities, Map<FaultKind, Double> tickProbabilities) {
  /** Consecutive failed invocations of one shard after which faults that fail invocations are held back. */
  public static final int MAX_FAILURE_STREAK = 3;

  public FaultPlan {
    probabilities = checked(probabilities, false);
    tickProbabilities = checked(tickProbabilities, true);
  }

  /** A plan whose ticks see the same faults as batches. */
  public FaultPlan(long seed, Map<FaultKind, Double> probabilities) {
    this(seed, probabilities, Map.of());
  }

  private static Map<FaultKind, Double> checked(Map<FaultKind, Double> probabilities, boolean keepZero) {
    EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
    probabilities.forEach((kind, p) -> {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("probability of " + kind + " must be 0..1, not " + p);
      }
      if (p > 0 || keepZero) {
        copy.put(kind, p);
      }
    });
    return Map.copyOf(copy);
  }

  /** No faults; a seed to add them to. */
  public static FaultPlan none(long seed) {
    return new FaultPlan(seed, Map.of());
  }

  /**
   * A random mix of faults drawn from {@code seed}: each kind present with probability 1/2, at 2-25 %; a source reshard
   * in half the plans (split or merge), a repartition reshard in two thirds (drawn last, so the other kinds of a
   * seed are those drawn before repartition reshards existed). The seed is
   * mixed first: {@code java.util.Random}'s first draws for consecutive seeds are nearly equal, so a soak over
   * consecutive seeds injected the first kind (CRASH_AFTER_STARTED) in every run.
   */
  public static FaultPlan random(long seed) {
    return random(seed, false);
  }

  /**
   * As {@link #random(long)}, for a job with a stage in the state log layout when {@code logLayout}: the same draws,
   * then each compaction crash ({@link FaultKind#compacts()}) present with probability 1/2, at 10-50 % per compaction
   * (compactions are a few per shard and run). The harness leaves out the reshards of streams read by a stage in
   * that layout ({@code FaultHarness}).
   */
  public static FaultPlan random(long seed, boolean logLayout) {
    Random random = new Random(new SplittableRandom(seed).nextLong());
    Map<FaultKind, Double> chosen = new EnumMap<>(FaultKind.class);
    for (FaultKind kind : FaultKind.values()) {
      if (kind.reshards() || kind.compacts()) {
        continue;
      }
      if (random.nextBoolean()) {
        chosen.put(kind, Math.round((0.02 + random.nextDouble() * 0.23) * 100) / 100.0);
      }
    }
    int reshard = random.nextInt(4);
    if (reshard == 1) {
      chosen.put(FaultKind.SHARD_SPLIT, 1.0);
    } else if (reshard == 2) {
      chosen.put(FaultKind.SHARD_MERGE, 1.0);
    }
    int repartition = random.nextInt(3);
    if (repartition == 1) {
      chosen.put(FaultKind.REPARTITION_SPLIT, 1.0);
    } else if (repartition == 2) {
      chosen.put(FaultKind.REPARTITION_MERGE, 1.0);
    }
    if (logLayout) {
      for (FaultKind kind : FaultKind.values()) {
        if (kind.compacts() && random.nextBoolean()) {
          chosen.put(kind, Math.round((0.1 + random.nextDouble() * 0.4) * 100) / 100.0);
        }
      }
    }
    return new FaultPlan(seed, chosen);
  }

  /** The same plan with {@code kind} injected with probability {@code p}. */
  public FaultPlan with(FaultKind kind, double p) {
    Map<FaultKind, Double> more = new EnumMap<>(FaultKind.class);
    more.putAll(probabilities);
    more.put(kind, p);
    return new FaultPlan(seed, more, tickProbabilities);
  }

  /** The same plan with {@code kind} injected with probability {@code p} in ticks (batches keep theirs). */
  public FaultPlan withInTicks(FaultKind kind, double p) {
    Map<FaultKind, Double> more = new EnumMap<>(FaultKind.class);
    more.putAll(tickProbabilities);
    more.put(kind, p);
    return new FaultPlan(seed, probabilities, more);
  }

  /**
   * The same plan keeping only the kinds injected from the runner's side ({@link FaultKind#runnerSide()}), for
   * functions running in processes of their own; the seed is kept, so the kept kinds make the same choices.
   */
  public FaultPlan runnerSide() {
    Map<FaultKind, Double> kept = new EnumMap<>(FaultKind.class);
    probabilities.forEach((kind, p) -> {
      if (kind.runnerSide()) {
        kept.put(kind, p);
      }
    });
    Map<FaultKind, Double> keptInTicks = new EnumMap<>(FaultKind.class);
    tickProbabilities.forEach((kind, p) -> {
      if (kind.runnerSide()) {
        keptInTicks.put(kind, p);
      }
    });
    return new FaultPlan(seed, kept, keptInTicks);
  }

  /** The chance of {@code kind} per opportunity. */
  public double probability(FaultKind kind) {
    return probabilities.getOrDefault(kind, 0.0);
  }

  /** The chance of {@code kind} per opportunity in a tick ({@code tick} true) or a batch. */
  public double probability(FaultKind kind, boolean tick) {
    return tick && tickProbabilities.containsKey(kind) ? tickProbabilities.get(kind) : probability(kind);
  }

  /** True if {@code kind} is injected at all. */
  public boolean has(FaultKind kind) {
    return probability(kind) > 0 || tickProbabilities.getOrDefault(kind, 0.0) > 0;
  }

  @Override
  public String toString() {
    return "seed " + seed + " " + text(probabilities)
        + (tickProbabilities.isEmpty() ? "" : " in ticks " + text(tickProbabilities));
  }

  private static String text(Map<FaultKind, Double> probabilities) {
    return probabilities.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
  }
}
