package dev.runnel.functions.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.AggregateFunction;
import dev.runnel.api.Windowed;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows kept as panes behave as one accumulator per window did: over random runs of batches (records out of
 * order, watermarks rising within a batch, firing rounds, rounds skipped, windows whose method threw), both emit the
 * same windows with the same values and firing numbers, send the same records late (or to the dead letters), and
 * register the same timers. The per-window operator is the same operator with contents that refuse to merge, which
 * keeps one accumulator per window as before panes. Full windows are compared as sets of records: panes give them in
 * pane order ({@link PaneBoundariesTest}).
 */
public class PanesAgreeWithWindowsTest {
  /** A reading with an integral value, so sums of doubles are exact in any order. */
  public record Reading(long at, long value) {}

  /** Sums values, and merges. */
  public static final class Total implements AggregateFunction<Reading, Total.Sum, Long> {
    /** The running sum. */
    public record Sum(long total) {}

    @Override
    public Sum createAccumulator() {
      return new Sum(0);
    }

    @Override
    public Sum add(Reading value, Sum sum) {
      return new Sum(sum.total() + value.value());
    }

    @Override
    public Long getResult(Sum sum) {
      return sum.total();
    }

    @Override
    public Sum merge(Sum left, Sum right) {
      return new Sum(left.total() + right.total());
    }
  }

  /** The same contents with merging refused: one accumulator per window. */
  private record PerWindow(PaneContents inner) implements PaneContents {
    @Override
    public Object create() {
      return inner.create();
    }

    @Override
    public Object add(Object contents, Object record) throws Throwable {
      return inner.add(contents, record);
    }

    @Override
    public Object merge(Object earlier, Object later) throws Throwable {
      return inner.merge(earlier, later);
    }

    @Override
    public boolean merges() {
      return false;
    }

    @Override
    public Object result(Object contents) throws Throwable {
      return inner.result(contents);
    }
  }

  private static final String READING = Reading.class.getName();

  private static WindowSpec sliding(long size, long slide, long lateness, String late) {
    return new WindowSpec(WindowKind.SLIDING, size, slide, 0, lateness, late, null);
  }

  @Test
  void countsSumsMinimaMaximaAndAveragesAgree() throws Throwable {
    KeyField value = KeyField.resolve(Reading.class, "value");
    for (AggregateKind kind : List.of(AggregateKind.COUNT, AggregateKind.SUM, AggregateKind.MIN, AggregateKind.MAX,
        AggregateKind.AVERAGE)) {
      for (WindowSpec spec : specs()) {
        compare(spec, () -> new BuiltInContents(kind, kind == AggregateKind.COUNT ? null : value), null, new String[0],
            kind + " " + spec);
      }
    }
  }

  @Test
  void fullWindowsAgreeAsSetsOfRecords() throws Throwable {
    for (WindowSpec spec : specs()) {
      compare(spec, ElementContents::new, null, new String[] {READING}, "full " + spec);
    }
  }

  @Test
  void aUserFunctionThatMergesAgrees() throws Throwable {
    for (WindowSpec spec : specs()) {
      compare(spec, () -> new FunctionContents(castFunction(new Total()),
              RunnelJson.MAPPER.constructType(Total.Sum.class), RunnelJson.MAPPER), Total.class.getName(),
          new String[] {Total.Sum.class.getName()}, "function " + spec);
    }
  }

  @SuppressWarnings("unchecked")
  private static AggregateFunction<Object, Object, Object> castFunction(AggregateFunction<?, ?, ?> function) {
    return (AggregateFunction<Object, Object, Object>) function;
  }

  private static List<WindowSpec> specs() {
    return List.of(sliding(10, 2, 0, "late"), sliding(10, 2, 5, "late"), sliding(9, 3, 7, null),
        sliding(6, 4, 3, "late"), sliding(10, 5, 0, null), sliding(4, 1, 20, "late"));
  }

  private static void compare(WindowSpec spec, Supplier<PaneContents> contents, String function,
      String[] typeArguments, String what) throws Throwable {
    for (long seed = 1; seed <= 15; seed++) {
      WindowHarness panes = new WindowHarness(spec, contents.get(), function, typeArguments);
      WindowHarness windows = new WindowHarness(spec, new PerWindow(contents.get()), function, typeArguments);
      Random random = new Random(seed);
      long committed = Long.MIN_VALUE;
      long time = 50;
      for (int batch = 0; batch < 60; batch++) {
        long judging = committed;
        long base = committed == Long.MIN_VALUE ? time : committed;
        for (int i = random.nextInt(6); i > 0; i--) {
          if (random.nextInt(3) == 0) {
            judging = (judging == Long.MIN_VALUE ? base : judging) + random.nextInt(4); // a marker raised it
          }
          String key = "k" + random.nextInt(2);
          long at = base - 12 + random.nextInt(24);
          Reading reading = new Reading(at, random.nextInt(100) - 30);
          String as = what + " seed " + seed + " batch " + batch + " record " + reading + " at " + judging;
          WindowHarness.Applied byPanes = panes.record(key, at, reading, committed, judging);
          WindowHarness.Applied byWindows = windows.record(key, at, reading, committed, judging);
          assertThat(normalized(byPanes.emitted())).as(as).isEqualTo(normalized(byWindows.emitted()));
          assertThat(byPanes.late()).as(as).isEqualTo(byWindows.late());
          assertThat(byPanes.deadLetter()).as(as).isEqualTo(byWindows.deadLetter());
          assertThat(byPanes.registered()).as(as).isEqualTo(byWindows.registered());
        }
        long next = Math.max(judging == Long.MIN_VALUE ? base : judging, base) + random.nextInt(5);
        if (random.nextInt(8) != 0) { // a round that does not reach the key leaves its windows to a later one
          for (String key : List.of("k0", "k1")) {
            String as = what + " seed " + seed + " round at " + next + " of " + key;
            if (random.nextInt(10) == 0) {
              panes.dropDue(key, next);
              windows.dropDue(key, next);
            } else {
              assertThat(fired(panes.fire(key, next))).as(as).isEqualTo(fired(windows.fire(key, next)));
            }
          }
        }
        committed = next;
      }
    }
  }

  private static List<String> fired(List<WindowOperator.Fired> fired) {
    List<String> described = new ArrayList<>();
    for (WindowOperator.Fired one : fired) {
      described.add(normalized(one.records()) + "@" + one.eventTime());
    }
    return described;
  }

  /** Windowed values with full windows' records sorted, so arrival order and pane order compare equal. */
  private static List<Object> normalized(List<Object> emitted) {
    List<Object> normal = new ArrayList<>();
    for (Object one : emitted) {
      Windowed<?> window = (Windowed<?>) one;
      Object value = window.value();
      if (value instanceof List<?> list) {
        List<Reading> sorted = new ArrayList<>();
        list.forEach(r -> sorted.add((Reading) r));
        sorted.sort(Comparator.comparingLong(Reading::at).thenComparingLong(Reading::value));
        value = sorted;
      }
      normal.add(new Windowed<>(window.key(), window.start(), window.end(), value, window.firing()));
    }
    return normal;
  }
}
