package dev.runnel.faults;

import dev.runnel.plan.StateLayout;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * What a randomized soak was asked to do, from system properties: {@code runnel.soak.runs} seeds (default 2, as in
 * {@code mvn verify}) from {@code runnel.faults.seed} (default random, printed so it can be replayed), a running
 * tally every {@code runnel.soak.tallyEvery} seeds (default 10), in {@link SoakMode#current()}, the jobs' keyed
 * stages in the state layout {@code runnel.soak.layout} ({@code keys} or {@code log}; default: drawn per seed).
 *
 * @param runs       how many seeds
 * @param firstSeed  the first seed; seed i is {@code firstSeed + i}
 * @param tallyEvery print the running tally after every this many seeds
 * @param mode       in process, or isolated
 * @param layout     the state layout of every run, or null to draw it per seed ({@link #layout(long)})
 */
record SoakSettings(int runs, long firstSeed, int tallyEvery, SoakMode mode, StateLayout layout) {
  /** The property naming the state layout of every run ({@code keys} or {@code log}). */
  static final String LAYOUT_PROPERTY = "runnel.soak.layout";
  private static final int DEFAULT_RUNS = 2;
  private static final int DEFAULT_TALLY_EVERY = 10;

  /** The settings the system properties ask for. */
  static SoakSettings fromProperties() {
    return new SoakSettings(Integer.getInteger("runnel.soak.runs", DEFAULT_RUNS),
        Long.getLong("runnel.faults.seed", new Random().nextInt(1_000_000)),
        Math.max(1, Integer.getInteger("runnel.soak.tallyEvery", DEFAULT_TALLY_EVERY)),
        SoakMode.current(), layoutProperty());
  }

  private static StateLayout layoutProperty() {
    String value = System.getProperty(LAYOUT_PROPERTY, "").trim();
    if (value.isEmpty()) {
      return null;
    }
    for (StateLayout layout : StateLayout.values()) {
      if (layout.name().equalsIgnoreCase(value)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("-D" + LAYOUT_PROPERTY + "=" + value + ": say keys or log, or leave it out to"
        + " draw the layout per seed");
  }

  /**
   * The state layout the runs of {@code seed} plan their jobs' keyed stages in: the one asked for, else drawn from
   * the seed (its own draw: the seed's fault plans are the same in either layout).
   */
  StateLayout layout(long seed) {
    if (layout != null) {
      return layout;
    }
    return new SplittableRandom(seed ^ 0x1A7E57A7EL).nextBoolean() ? StateLayout.LOG : StateLayout.KEYS;
  }

  /** The seed of run {@code i} (from 0). */
  long seed(int i) {
    return firstSeed + i;
  }

  @Override
  public String toString() {
    return runs + " seeds from " + firstSeed + " (replay one with -Drunnel.soak.runs=1 -Drunnel.faults.seed=<seed>), "
        + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", layout "
        + (layout == null ? "per seed" : layout.name().toLowerCase(java.util.Locale.ROOT));
  }
}
