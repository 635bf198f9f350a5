package dev.runnel.modelserver.faults;

/** Deterministic pseudo-random numbers from (seed, rule, ordinal), so fault plans repeat exactly. */
final class SeededDraw {
  private SeededDraw() {
  }

  /** A number in [0, 1) that depends only on the three inputs. */
  static double unit(long seed, int ruleIndex, long ordinal) {
    long z = seed * 0x9e3779b97f4a7c15L + ruleIndex * 0xbf58476d1ce4e5b9L + ordinal * 0x94d049bb133111ebL;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
