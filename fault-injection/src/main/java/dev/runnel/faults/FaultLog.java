package dev.runnel.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every fault injected in one run: counts per kind and the first lines describing where, safe across threads. */
public final class FaultLog {
  private static final int MAX_LINES = 300;

  /** How the dice of a stage's tick function label themselves: {@code <stage>/tick}. */
  public static final String TICK = "/tick";

  private final Map<FaultKind, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<FaultKind, AtomicLong> inTicks = new ConcurrentHashMap<>();
  private final List<String> lines = new ArrayList<>();

  /** Records that {@code kind} was injected at {@code where}. */
  public void record(FaultKind kind, String where) {
    counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (where.contains(TICK + " ")) {
      inTicks.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }
    synchronized (lines) {
      if (lines.size() < MAX_LINES) {
        lines.add(kind + " at " + where);
      }
    }
  }

  /** How many faults of each kind were injected so far. */
  public Map<FaultKind, Long> counts() {
    Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
    counts.forEach((kind, n) -> snapshot.put(kind, n.get()));
    return snapshot;
  }

  /** How many faults of each kind were injected into ticks so far. */
  public Map<FaultKind, Long> countsInTicks() {
    Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
    inTicks.forEach((kind, n) -> snapshot.put(kind, n.get()));
    return snapshot;
  }

  /** The number of faults of {@code kind} injected so far. */
  public long count(FaultKind kind) {
    AtomicLong n = counts.get(kind);
    return n == null ? 0 : n.get();
  }

  /** The first injected faults, in the order they happened. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
