package dev.runnel.localrunner.run;

import dev.runnel.localrunner.esm.EventSourceMapping;
import dev.runnel.localrunner.esm.ShardProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Decides that a run has gone quiet: every shard of every stage is idle at two checks in a row, no shard fetched or
 * invoked anything in between, and every open shard completed at least two GetRecords calls in between, so the
 * second one started after anything written before the first check.
 */
final class Quiescence {
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

  private final List<EventSourceMapping> mappings;

  Quiescence(List<EventSourceMapping> mappings) {
    this.mappings = mappings;
  }

  /** Returns once quiet; throws if a shard consumer failed or the run is still busy after {@code timeout}. */
  void await(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, ShardProgress> previous = null;
    while (true) {
      for (EventSourceMapping mapping : mappings) {
        if (!mapping.failures().isEmpty()) {
          throw new IllegalStateException("the event source mapping of " + mapping.settings().functionName()
              + " failed", mapping.failures().get(0));
        }
      }
      Map<String, ShardProgress> current = snapshot();
      Verdict verdict = previous == null ? Verdict.BUSY : compare(previous, current);
      if (verdict == Verdict.QUIET) {
        return;
      }
      if (verdict == Verdict.BUSY) {
        previous = allIdle(current) ? current : null;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the job was still busy after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(CHECK_INTERVAL.toMillis());
    }
  }

  private Map<String, ShardProgress> snapshot() {
    Map<String, ShardProgress> progress = new HashMap<>();
    for (EventSourceMapping mapping : mappings) {
      for (ShardProgress shard : mapping.progress()) {
        progress.put(mapping.settings().functionName() + "/" + shard.shardId(), shard);
      }
    }
    return progress;
  }

  private static boolean allIdle(Map<String, ShardProgress> progress) {
    return !progress.isEmpty() && progress.values().stream().allMatch(ShardProgress::idle);
  }

  /** Quiet; idle and unchanged but not yet polled enough (keep the earlier snapshot); or busy. */
  private enum Verdict { QUIET, WAIT, BUSY }

  private static Verdict compare(Map<String, ShardProgress> before, Map<String, ShardProgress> after) {
    if (!allIdle(after) || !before.keySet().equals(after.keySet())) {
      return Verdict.BUSY;
    }
    Verdict verdict = Verdict.QUIET;
    for (Map.Entry<String, ShardProgress> entry : after.entrySet()) {
      ShardProgress then = before.get(entry.getKey());
      ShardProgress now = entry.getValue();
      if (now.recordsFetched() != then.recordsFetched() || now.invocations() != then.invocations()) {
        return Verdict.BUSY;
      }
      if (!now.finished() && now.fetches() < then.fetches() + 2) {
        verdict = Verdict.WAIT;
      }
    }
    return verdict;
  }
}
