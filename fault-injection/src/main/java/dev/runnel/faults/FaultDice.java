package dev.runnel.faults;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The random choices for one shard of one stage (or one stage's ticks, label {@code <stage>/tick}), drawn from the
 * plan's seed and the label, so a shard makes the same choices in a replay. Faults that can fail an invocation are held back once the shard has failed
 * {@link FaultPlan#MAX_FAILURE_STREAK} times in a row, so a batch always gets through before the event source
 * mapping's retries run out.
 */
public final class FaultDice {
  private final FaultPlan plan;
  private final FaultLog log;
  private final String label;
  private final Random random;
  private final boolean tick;
  private final AtomicInteger failureStreak = new AtomicInteger();

  /** Dice for {@code label} (stage/shard), from the plan's seed. */
  public FaultDice(FaultPlan plan, FaultLog log, String label) {
    this.plan = plan;
    this.log = log;
    this.label = label;
    this.tick = label.endsWith(FaultLog.TICK);
    this.random = new Random(plan.seed() * 0x9E3779B97F4A7C15L + label.hashCode());
  }

  /** Decides whether {@code kind} happens now; if it does, logs it with {@code where}. */
  public boolean roll(FaultKind kind, String where) {
    double p = plan.probability(kind, tick);
    if (p <= 0 || (kind.mayFailInvocation() && failureStreak.get() >= FaultPlan.MAX_FAILURE_STREAK)) {
      return false;
    }
    boolean happens;
    synchronized (random) {
      happens = random.nextDouble() < p;
    }
    if (happens) {
      log.record(kind, label + " " + where);
    }
    return happens;
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  /** A seed for a child's own dice (a zombie's). */
  public long nextSeed() {
    synchronized (random) {
      return random.nextLong();
    }
  }

  /** The plan these dice follow. */
  public FaultPlan plan() {
    return plan;
  }

  /** The log faults are recorded in. */
  public FaultLog log() {
    return log;
  }

  /** The stage/shard these dice serve. */
  public String label() {
    return label;
  }

  /** Told after every invocation of the shard's function, to track the failure streak. */
  public void invoked(boolean failed) {
    if (failed) {
      failureStreak.incrementAndGet();
    } else {
      failureStreak.set(0);
    }
  }
}
