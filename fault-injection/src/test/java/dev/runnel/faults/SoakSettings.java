package dev.runnel.faults;

import java.util.Random;

/**
 * What a randomized soak was asked to do, from system properties: {@code runnel.soak.runs} seeds (default 2, as in
 * {@code mvn verify}) from {@code runnel.faults.seed} (default random, printed so it can be replayed), a running
 * tally every {@code runnel.soak.tallyEvery} seeds (default 10), in {@link SoakMode#current()}.
 *
 * @param runs       how many seeds
 * @param firstSeed  the first seed; seed i is {@code firstSeed + i}
 * @param tallyEvery print the running tally after every this many seeds
 * @param mode       in process, or isolated
 */
record SoakSettings(int runs, long firstSeed, int tallyEvery, SoakMode mode) {
  private static final int DEFAULT_RUNS = 2;
  private static final int DEFAULT_TALLY_EVERY = 10;

  /** The settings the system properties ask for. */
  static SoakSettings fromProperties() {
    return new SoakSettings(Integer.getInteger("runnel.soak.runs", DEFAULT_RUNS),
        Long.getLong("runnel.faults.seed", new Random().nextInt(1_000_000)),
        Math.max(1, Integer.getInteger("runnel.soak.tallyEvery", DEFAULT_TALLY_EVERY)),
        SoakMode.current());
  }

  /** The seed of run {@code i} (from 0). */
  long seed(int i) {
    return firstSeed + i;
  }

  @Override
  public String toString() {
    return runs + " seeds from " + firstSeed + " (replay one with -Drunnel.soak.runs=1 -Drunnel.faults.seed=<seed>), "
        + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
