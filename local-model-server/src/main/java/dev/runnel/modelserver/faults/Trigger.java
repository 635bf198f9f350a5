package dev.runnel.modelserver.faults;

import java.util.Objects;

/**
 * When a {@link FaultRule} fires. A rule counts the requests it sees (those of its endpoints) from 1; triggers decide
 * from that ordinal, the request's prompt and the plan's seed, so a plan is deterministic for a given request order.
 */
public sealed interface Trigger {
  /** Whether the rule fires for its {@code ordinal}-th request (from 1), whose prompt text is {@code prompt}. */
  boolean fires(long ordinal, String prompt, long seed, int ruleIndex);

  /** Every request. */
  static Trigger always() {
    return new Always();
  }

  /** A pseudo-random {@code fraction} of requests (0..1), chosen by the seed. */
  static Trigger fraction(double fraction) {
    return new Fraction(fraction);
  }

  /** Requests n, 2n, 3n... */
  static Trigger everyNth(int n) {
    return new EveryNth(n);
  }

  /** The first {@code n} requests. */
  static Trigger firstN(int n) {
    return new FirstN(n);
  }

  /** Every request whose prompt text contains {@code text} (case-sensitive): for permanent, per-record failures. */
  static Trigger promptContains(String text) {
    return new PromptContains(text);
  }

  /** Fires always. */
  record Always() implements Trigger {
    @Override
    public boolean fires(long ordinal, String prompt, long seed, int ruleIndex) {
      return true;
    }
  }

  /**
   * Fires for a pseudo-random share of requests.
   *
   * @param fraction the share, 0..1
   */
  record Fraction(double fraction) implements Trigger {
    public Fraction {
      if (fraction < 0 || fraction > 1) {
        throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
      }
    }

    @Override
    public boolean fires(long ordinal, String prompt, long seed, int ruleIndex) {
      return SeededDraw.unit(seed, ruleIndex, ordinal) < fraction;
    }
  }

  /**
   * Fires for every n-th request.
   *
   * @param n the period, at least 1
   */
  record EveryNth(int n) implements Trigger {
    public EveryNth {
      if (n < 1) {
        throw new IllegalArgumentException("n must be positive: " + n);
      }
    }

    @Override
    public boolean fires(long ordinal, String prompt, long seed, int ruleIndex) {
      return ordinal % n == 0;
    }
  }

  /**
   * Fires for the first n requests.
   *
   * @param n how many, at least 0
   */
  record FirstN(int n) implements Trigger {
    public FirstN {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative: " + n);
      }
    }

    @Override
    public boolean fires(long ordinal, String prompt, long seed, int ruleIndex) {
      return ordinal <= n;
    }
  }

  /**
   * Fires when the prompt contains a text.
   *
   * @param text the text to look for
   */
  record PromptContains(String text) implements Trigger {
    public PromptContains {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean fires(long ordinal, String prompt, long seed, int ruleIndex) {
      return prompt.contains(text);
    }
  }
}
