package dev.runnel.faults.run;

import dev.runnel.faults.FaultKind;
import dev.runnel.faults.FaultPlan;
import dev.runnel.inference.InferenceMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict of one faulty run against its reference.
 *
 * @param plan             the faults asked for, with the seed that replays them
 * @param injected         how many faults of each kind were injected
 * @param injectedInTicks  how many of them were injected into ticks (a crash during a firing round of a tick, say)
 * @param faults           the first injected faults, where they happened
 * @param sinks            per sink (and the dead letters), what was lost or duplicated
 * @param discardedRecords records the event source mapping gave up on (the harness must never cause this)
 * @param zombiesLeft      zombie invocations still running when the run was compared
 * @param elapsed          the faulty run's wall time
 * @param models           per stage with inference operators, the faulty run's model calls (zombies' included)
 */
public record FaultReport(FaultPlan plan, Map<FaultKind, Long> injected, Map<FaultKind, Long> injectedInTicks,
    List<String> faults, List<SinkDiff> sinks, long discardedRecords, int zombiesLeft, Duration elapsed,
    Map<String, InferenceMetrics> models) {
  public FaultReport {
    injected = Map.copyOf(injected);
    injectedInTicks = Map.copyOf(injectedInTicks);
    faults = List.copyOf(faults);
    sinks = List.copyOf(sinks);
    models = Map.copyOf(models);
  }

  /** A report of a run that called no model. */
  public FaultReport(FaultPlan plan, Map<FaultKind, Long> injected, Map<FaultKind, Long> injectedInTicks,
      List<String> faults, List<SinkDiff> sinks, long discardedRecords, int zombiesLeft, Duration elapsed) {
    this(plan, injected, injectedInTicks, faults, sinks, discardedRecords, zombiesLeft, elapsed, Map.of());
  }

  /** The faulty run's model calls in stage {@code stage} (none when it calls no model). */
  public InferenceMetrics models(String stage) {
    return models.getOrDefault(stage, InferenceMetrics.NONE);
  }

  /** Records of the reference missing from the faulty run, over all sinks. */
  public int lost() {
    return sinks.stream().mapToInt(SinkDiff::lost).sum() + sinks.stream().mapToInt(SinkDiff::rawMissing).sum();
  }

  /** Records the faulty run has more of than the reference after dedup, over all sinks. */
  public int duplicated() {
    return sinks.stream().mapToInt(SinkDiff::duplicated).sum();
  }

  /** True if every sink matches the reference and no batch was discarded. */
  public boolean exactlyOnce() {
    return lost() == 0 && duplicated() == 0 && discardedRecords == 0;
  }

  /** The faults injected, in total. */
  public long totalInjected() {
    return injected.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    String counts = injected.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    StringBuilder text = new StringBuilder();
    text.append(exactlyOnce() ? "EXACTLY ONCE" : "NOT EXACTLY ONCE").append(" with ").append(plan)
        .append(" in ").append(elapsed.toMillis()).append(" ms\n")
        .append("  injected ").append(totalInjected()).append(": ").append(counts)
        .append(injectedInTicks.isEmpty() ? "" : "; in ticks: " + new java.util.TreeMap<>(injectedInTicks))
        .append('\n')
        .append("  lost ").append(lost()).append(", duplicated ").append(duplicated())
        .append(", discarded records ").append(discardedRecords).append(", zombies still running ")
        .append(zombiesLeft).append('\n');
    sinks.forEach(s -> text.append("    ").append(s).append('\n'));
    new java.util.TreeMap<>(models).forEach((stage, m) -> text.append("  model calls in ").append(stage)
        .append(": ").append(m.prompts()).append(" prompts answered by a model, ").append(m.cacheHits())
        .append(" reused, ").append(m.requests()).append(" requests (").append(m.retries()).append(" retries), ")
        .append(m.failed()).append(" failed\n"));
    if (!exactlyOnce()) {
      text.append("  first faults:\n");
      faults.stream().limit(60).forEach(f -> text.append("    ").append(f).append('\n'));
    }
    return text.toString();
  }
}
