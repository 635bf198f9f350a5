package dev.runnel.faults.process;

import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.locallambda.ProcessFaults;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs in a stage function's own process (named by {@code RUNNEL_COMMIT_OBSERVER}) and signals that process at
 * commit steps, as the variables {@link ProcessFaultPlan} set say: {@code kill -9} of itself with probability
 * {@value ProcessFaultPlan#KILL_PROBABILITY} per step reached, or {@code kill -STOP} of itself with probability
 * {@value ProcessFaultPlan#STOP_PROBABILITY} per batch before its state write (after {@code PROCESSED} or
 * {@code OUTPUTS_WRITTEN}). At most one signal per process; each is announced on standard output first.
 */
public final class SelfSignallingObserver implements CommitObserver {
  private static final Set<CommitStep> BEFORE_STATE_WRITE = Set.of(CommitStep.PROCESSED, CommitStep.OUTPUTS_WRITTEN);

  private final double kill;
  private final double stop;
  private final Random random;
  private boolean signalled;

  /** From the process environment. */
  public SelfSignallingObserver() {
    this(System.getenv());
  }

  SelfSignallingObserver(Map<String, String> env) {
    this.kill = Double.parseDouble(env.getOrDefault(ProcessFaultPlan.KILL_PROBABILITY, "0"));
    this.stop = Double.parseDouble(env.getOrDefault(ProcessFaultPlan.STOP_PROBABILITY, "0"));
    this.random = new Random(Long.parseLong(env.getOrDefault(ProcessFaultPlan.SEED, "0")));
  }

  @Override
  public synchronized void reached(CommitStep step, String stage, String shardId) {
    if (signalled) {
      return;
    }
    String where = stage + "/" + shardId + " after " + step;
    if (BEFORE_STATE_WRITE.contains(step) && stop > 0 && random.nextDouble() < stop) {
      signalled = true;
      signal("STOP", "SIGSTOP " + where);
      System.out.println(ProcessFaults.LINE_PREFIX + "RESUMED " + where);
      System.out.flush();
    } else if (kill > 0 && random.nextDouble() < kill) {
      signalled = true;
      signal("9", "SIGKILL " + where);
      // the signal is asynchronous: never go on
      while (true) {
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Announces the fault, then sends {@code signal} to this process with the system's {@code kill}. */
  private static void signal(String signal, String announcement) {
    long pid = ProcessHandle.current().pid();
    System.out.println(ProcessFaults.LINE_PREFIX + announcement + " (process " + pid + ")");
    System.out.flush();
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
