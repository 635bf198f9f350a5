package dev.runnel.localrunner.run;

import dev.runnel.localrunner.esm.StageMapping;
import dev.runnel.localrunner.esm.ShardProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Decides that a run has gone quiet.
 *
 * <p><b>Mappings.</b> Every shard of every stage is idle at two checks in a row, no shard fetched or invoked anything
 * in between, and every open shard completed at least two GetRecords calls in between, so the second one started
 * after anything written before the first check.
 *
 * <p><b>Ticks.</b> With windows and timers, output keeps coming from ticks after the inputs are drained, so for a
 * run with tickers the mappings being quiet is not enough. In addition, between the same two checks:
 * <ul>
 *   <li>no tick of any stage was noisy (fired records, moved a published watermark, conflicted or failed; see
 *       {@link StageTicker}) after the first check began, so whatever a tick wrote before it was seen by the
 *       GetRecords calls above; and</li>
 *   <li>every ticking stage completed at least {@value #QUIET_TICKS} quiet ticks that started after the first check,
 *       so after the last batch of every stage and after the last watermark any stage published.</li>
 * </ul>
 * A noisy tick makes the run busy again, and the count starts over. A stage whose ticks keep failing never lets the
 * run go quiet, so the run times out and says so.
 *
 * <p><b>Timeout.</b> The run fails when it made no progress for the timeout: no shard appeared or finished, no record
 * was fetched, no invocation succeeded, and no tick fired records or moved a watermark. A large input or a loaded
 * machine only makes the wait longer; a batch or a tick that keeps failing is not progress, so a stuck run still
 * fails. A run that keeps making progress but never goes quiet (a timer that re-arms itself at every tick) fails after
 * {@value #MAX_TIMEOUTS} timeouts in all.
 */
final class Quiescence {
  /** Quiet ticks each ticking stage needs after the last activity of the run. */
  static final int QUIET_TICKS = 2;
  /** How many timeouts a wait may take in all, however much progress the run makes. */
  static final int MAX_TIMEOUTS = 10;

  private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
  /** What the timeout message calls recent. */
  private static final Duration RECENT = Duration.ofSeconds(10);

  private final List<StageMapping> mappings;
  private final List<StageTicker> tickers;

  /** Watches these mappings and no ticks. */
  Quiescence(List<? extends StageMapping> mappings) {
    this(mappings, List.of());
  }

  /** Watches these mappings and these tickers. */
  Quiescence(List<? extends StageMapping> mappings, List<StageTicker> tickers) {
    this.mappings = List.copyOf(mappings);
    this.tickers = List.copyOf(tickers);
  }

  /**
   * Returns once the mappings and the tickers are quiet; throws if a shard consumer or a ticker failed fatally or
   * the run made no progress for {@code timeout}.
   */
  void await(Duration timeout) throws TimeoutException, InterruptedException {
    await(timeout, tickers);
  }

  /** Returns once the mappings are quiet, whatever the ticks do (they keep running); throws as {@link #await}. */
  void awaitMappings(Duration timeout) throws TimeoutException, InterruptedException {
    await(timeout, List.of());
  }

  private void await(Duration timeout, List<StageTicker> watched) throws TimeoutException, InterruptedException {
    long started = System.nanoTime();
    long lastProgress = started;
    Map<String, ShardProgress> previous = null;
    Map<String, ShardProgress> current = Map.of();
    long previousAdvances = advances();
    long previousBegan = 0;
    long previousEnded = 0;
    while (true) {
      throwIfFailed();
      long began = System.nanoTime();
      Map<String, ShardProgress> before = current;
      current = snapshot();
      long ended = System.nanoTime();
      long advances = advances();
      if (progressed(before, current) || advances != previousAdvances) {
        lastProgress = ended;
      }
      previousAdvances = advances;
      Verdict verdict = previous == null ? Verdict.BUSY : compare(previous, current);
      if (verdict != Verdict.BUSY) {
        verdict = verdict.and(ticks(watched, previousBegan, previousEnded));
      }
      if (verdict == Verdict.QUIET) {
        return;
      }
      if (verdict == Verdict.BUSY) {
        previous = allIdle(current) ? current : null;
        previousBegan = began;
        previousEnded = ended;
      }
      long now = System.nanoTime();
      if (now - lastProgress > timeout.toNanos()) {
        throw new TimeoutException("the job made no progress for " + timeout.toMillis() / 1000.0 + " s (busy "
            + (now - started) / 1_000_000_000 + " s in all)" + busyReport(current) + tickReport(tickers));
      }
      if (now - started > timeout.toNanos() * MAX_TIMEOUTS) {
        throw new TimeoutException("the job kept making progress but was still busy after " + MAX_TIMEOUTS + " times "
            + timeout.toMillis() / 1000.0 + " s in all" + busyReport(current) + tickReport(tickers));
      }
      Thread.sleep(CHECK_INTERVAL.toMillis());
    }
  }

  private void throwIfFailed() {
    for (StageMapping mapping : mappings) {
      if (!mapping.failures().isEmpty()) {
        throw new IllegalStateException("the event source mapping of " + mapping.settings().functionName()
            + " failed", mapping.failures().get(0));
      }
    }
    for (StageTicker ticker : tickers) {
      if (ticker.fatal() != null) {
        throw new IllegalStateException("the ticks of " + ticker.stageId() + " failed", ticker.fatal());
      }
    }
  }

  private Map<String, ShardProgress> snapshot() {
    Map<String, ShardProgress> progress = new HashMap<>();
    for (StageMapping mapping : mappings) {
      for (ShardProgress shard : mapping.progress()) {
        progress.put(mapping.settings().functionName() + "/" + shard.shardId(), shard);
      }
    }
    return progress;
  }

  /**
   * True when a shard appeared or finished, records were fetched, or a shard's invocations moved on with its last
   * one successful, between the snapshots {@code before} and {@code after}.
   */
  private static boolean progressed(Map<String, ShardProgress> before, Map<String, ShardProgress> after) {
    if (!before.keySet().equals(after.keySet())) {
      return true;
    }
    for (Map.Entry<String, ShardProgress> entry : after.entrySet()) {
      ShardProgress then = before.get(entry.getKey());
      ShardProgress now = entry.getValue();
      if (now.finished() != then.finished() || now.recordsFetched() != then.recordsFetched()
          || (now.invocations() != then.invocations() && now.lastFailure() == null)) {
        return true;
      }
    }
    return false;
  }

  /** Ticks of every ticker that fired records or moved a watermark, so far. */
  private long advances() {
    return tickers.stream().mapToLong(StageTicker::advances).sum();
  }

  private static boolean allIdle(Map<String, ShardProgress> progress) {
    return !progress.isEmpty() && progress.values().stream().allMatch(ShardProgress::idle);
  }

  /** Quiet; idle and unchanged but not yet polled (or ticked) enough, so keep the earlier snapshot; or busy. */
  private enum Verdict {
    QUIET, WAIT, BUSY;

    /** The busier of both. */
    Verdict and(Verdict other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

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

  /**
   * The tickers since the earlier check, which began at {@code began} and ended at {@code ended}: busy if a noisy
   * tick ended after it began, waiting until every ticker has {@value #QUIET_TICKS} quiet ticks started after it.
   */
  private static Verdict ticks(List<StageTicker> watched, long began, long ended) {
    Verdict verdict = Verdict.QUIET;
    for (StageTicker ticker : watched) {
      if (ticker.noisySince(began)) {
        return Verdict.BUSY;
      }
      if (ticker.quietTicksStartedAfter(ended) < QUIET_TICKS) {
        verdict = Verdict.WAIT;
      }
    }
    return verdict;
  }

  /** The shards that were not idle at the last check, with the error of a failing batch (retried) if any. */
  private static String busyReport(Map<String, ShardProgress> last) {
    List<String> busy = last.entrySet().stream().filter(e -> !e.getValue().idle())
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + (e.getValue().lastFailure() == null ? ""
            : " (its batch keeps failing: " + shorten(e.getValue().lastFailure()) + ")"))
        .toList();
    if (busy.isEmpty()) {
      return "";
    }
    return "; busy shards: " + String.join(", ", busy.subList(0, Math.min(3, busy.size())))
        + (busy.size() > 3 ? " and " + (busy.size() - 3) + " more" : "");
  }

  /** Per ticker: ticks, failures and conflicts, and whether a tick fired, advanced or failed lately. */
  private static String tickReport(List<StageTicker> all) {
    StringBuilder report = new StringBuilder();
    long lately = System.nanoTime() - RECENT.toNanos();
    for (StageTicker ticker : all) {
      report.append(report.length() == 0 ? "; ticks: " : ", ").append(ticker.stageId()).append(' ')
          .append(ticker.ticks()).append(" (").append(ticker.failures()).append(" failed, ")
          .append(ticker.conflicts()).append(" shards conflicted, ")
          .append(ticker.noisySince(lately) ? "fired, advanced or failed" : "quiet").append(" in the last ")
          .append(RECENT.toSeconds()).append(" s)");
    }
    return report.toString();
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
