package dev.runnel.faults.process;

import dev.runnel.locallambda.ProcessFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which real process faults the isolated functions of a run get, drawn from a seed: each new process of a stage
 * function kills itself ({@code kill -9}) at a commit step with probability {@code killProbability} per step, and
 * stops itself ({@code SIGSTOP}) before its state write with probability {@code stopProbability} per batch, at most
 * {@code maxFreezes} times per function; a stopped process outlives its timeout, stays frozen while the retry runs,
 * and is resumed {@code resumeAfter} later. Tick functions are only killed. A process started after two failed
 * invocations in a row gets no faults, so every batch gets through. Counts what the processes report.
 *
 * @param seed            makes the draws of each process (with its function name and number)
 * @param killProbability per commit step a process reaches
 * @param stopProbability per batch reaching the step before its state write
 * @param maxFreezes      frozen processes per function at most
 * @param resumeAfter     how long a frozen process stays frozen past its timeout's end
 * @param resumeAtRunEnd  keep frozen processes frozen until the run ends instead
 * @param counts          what the processes reported
 */
public record ProcessFaultPlan(long seed, double killProbability, double stopProbability, int maxFreezes,
    Duration resumeAfter, boolean resumeAtRunEnd, Counts counts) implements ProcessFaults {
  /** The variable naming the probability of {@code kill -9} per commit step. */
  static final String KILL_PROBABILITY = "RUNNEL_FAULT_KILL_PROBABILITY";
  /** The variable naming the probability of {@code SIGSTOP} per batch before its state write. */
  static final String STOP_PROBABILITY = "RUNNEL_FAULT_STOP_PROBABILITY";
  /** The variable holding the process's seed. */
  static final String SEED = "RUNNEL_FAULT_SEED";
  private static final String OBSERVER = "RUNNEL_COMMIT_OBSERVER";

  /** A plan with fresh counts, resuming frozen processes while the run goes on. */
  public ProcessFaultPlan(long seed, double killProbability, double stopProbability, int maxFreezes,
      Duration resumeAfter) {
    this(seed, killProbability, stopProbability, maxFreezes, resumeAfter, false, new Counts());
  }

  /**
   * A random plan drawn from {@code seed} (for a soak): {@code kill -9} in 3 of 4 plans, at 0.5-3 % per commit step;
   * {@code SIGSTOP} in 3 of 4 (kills alone where neither was drawn), at 10-40 % per batch, 1-2 frozen processes per
   * function, resumed 2-5 s past their timeout or (in half the plans with freezes) when the run ends. Its draws are
   * its own: {@code FaultPlan.random(seed)} draws the same as without it.
   */
  public static ProcessFaultPlan random(long seed) {
    Random random = new Random(new SplittableRandom(seed ^ 0x5EEDF00DL).nextLong());
    boolean kills = random.nextInt(4) > 0;
    boolean stops = random.nextInt(4) > 0;
    kills = kills || !stops;
    double kill = kills ? Math.round((0.005 + random.nextDouble() * 0.025) * 1000) / 1000.0 : 0;
    double stop = stops ? Math.round((0.1 + random.nextDouble() * 0.3) * 100) / 100.0 : 0;
    int maxFreezes = stops ? 1 + random.nextInt(2) : 0;
    Duration resumeAfter = Duration.ofSeconds(2 + random.nextInt(4));
    ProcessFaultPlan plan = new ProcessFaultPlan(seed, kill, stop, maxFreezes, resumeAfter);
    return stops && random.nextBoolean() ? plan.resumingAtRunEnd() : plan;
  }

  /** The same plan keeping frozen processes frozen until the run ends, after every later batch committed. */
  public ProcessFaultPlan resumingAtRunEnd() {
    return new ProcessFaultPlan(seed, killProbability, stopProbability, maxFreezes, resumeAfter, true, counts);
  }

  @Override
  public boolean resumeFrozenAtRunEnd() {
    return resumeAtRunEnd;
  }

  @Override
  public Map<String, String> environment(String functionName, int environment, int failureStreak) {
    if (failureStreak >= 2) {
      return Map.of();
    }
    boolean tick = functionName.endsWith("-tick");
    boolean mayFreeze = !tick && counts.frozen(functionName) < maxFreezes;
    Map<String, String> env = new HashMap<>();
    env.put(OBSERVER, SelfSignallingObserver.class.getName());
    env.put(SEED, Long.toString(seed * 31 + functionName.hashCode() * 1_000_003L + environment));
    env.put(KILL_PROBABILITY, Double.toString(killProbability));
    env.put(STOP_PROBABILITY, Double.toString(mayFreeze ? stopProbability : 0));
    return env;
  }

  @Override
  public void observed(String functionName, String line) {
    counts.observed(functionName, line);
  }

  @Override
  public Optional<Duration> resumeFrozenAfter() {
    return Optional.of(resumeAfter);
  }

  /** The plan in a few words, for a soak's line: the probabilities and when frozen processes resume. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "kill -9 %.3f per step, SIGSTOP %.2f per batch (at most %d per "
        + "function), resumed %s", killProbability, stopProbability, maxFreezes,
        resumeAtRunEnd ? "at run end" : resumeAfter.toSeconds() + " s past the timeout");
  }

  /** What the processes of a run reported: kills, freezes and resumptions, with their lines. */
  public static final class Counts {
    private final AtomicLong killed = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong fenced = new AtomicLong();
    private final Map<String, AtomicLong> frozenByFunction = new ConcurrentHashMap<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    void observed(String functionName, String line) {
      String fault = line.substring(ProcessFaults.LINE_PREFIX.length());
      if (fault.startsWith("SIGKILL")) {
        killed.incrementAndGet();
      } else if (fault.startsWith("SIGSTOP")) {
        stopped.incrementAndGet();
        frozenByFunction.computeIfAbsent(functionName, f -> new AtomicLong()).incrementAndGet();
      } else if (fault.startsWith("SIGCONT")) {
        resumed.incrementAndGet();
      } else if (fault.startsWith("ZOMBIE ENDED") && fault.contains("an error")
          && fault.contains("another invocation")) {
        fenced.incrementAndGet();
      }
      if (lines.size() < 200) {
        lines.add(functionName + ": " + fault);
      }
    }

    long frozen(String functionName) {
      AtomicLong n = frozenByFunction.get(functionName);
      return n == null ? 0 : n.get();
    }

    /** Processes that killed themselves. */
    public long killed() {
      return killed.get();
    }

    /** Processes that stopped themselves. */
    public long stopped() {
      return stopped.get();
    }

    /** Stopped processes resumed after their retry ran. */
    public long resumed() {
      return resumed.get();
    }

    /** Resumed processes whose writes were refused because their retry had committed first (fenced zombies). */
    public long fenced() {
      return fenced.get();
    }

    /** What the processes reported, in order (the first 200 lines). */
    public List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    @Override
    public String toString() {
      return "killed " + killed() + ", stopped " + stopped() + ", resumed " + resumed() + " (fenced " + fenced() + ")";
    }
  }
}
