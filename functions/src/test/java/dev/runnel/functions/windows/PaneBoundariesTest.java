package dev.runnel.functions.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Windowed;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows of 10 s every 2 s kept as panes of 2 s: where a record goes, what a window holds at its bounds,
 * when panes go, and the two places where panes show: a window closed before it fired keeps its contents apart, and
 * a full window lists its records pane by pane.
 */
class PaneBoundariesTest {
  private static final long NONE = Long.MIN_VALUE;

  private static WindowHarness counting(long lateness) {
    return new WindowHarness(new WindowSpec(WindowKind.SLIDING, 10_000, 2_000, 0, lateness, "late", null),
        new BuiltInContents(AggregateKind.COUNT, null), null);
  }

  private static List<String> windows(List<Object> emitted) {
    List<String> described = new ArrayList<>();
    for (Object one : emitted) {
      Windowed<?> window = (Windowed<?>) one;
      described.add("[" + window.start() + "," + window.end() + ")=" + window.value() + "#" + window.firing());
    }
    return described;
  }

  private static List<String> fired(List<WindowOperator.Fired> fired) {
    List<Object> all = new ArrayList<>();
    fired.forEach(f -> all.addAll(f.records()));
    return windows(all);
  }

  @Test
  void aRecordUpdatesTheOnePaneItFallsInAndTheItemHoldsPanesOnly() throws Throwable {
    WindowHarness harness = counting(0);

    harness.record("a", 1_000, "r1", NONE, NONE);
    harness.record("a", 3_000, "r2", NONE, NONE);
    harness.record("a", 3_999, "r3", NONE, NONE);

    WindowState<?> state = harness.state("a");
    assertThat(state.windows()).isEmpty();
    assertThat(List.<Object>copyOf(state.panes())).containsExactly(new Pane<>(0, new BuiltInAccumulator(1, 0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY)), new Pane<>(2_000, new BuiltInAccumulator(2, 0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY)));
    assertThat(harness.storedText("a")).contains("\"v\":{\"p\":[[0,1],[2000,2]]}");
  }

  @Test
  void aWindowHoldsItsFirstAndLastMillisecondAndNotItsEnd() throws Throwable {
    WindowHarness harness = counting(0);
    harness.record("a", 0, "start", NONE, NONE);
    harness.record("a", 9_999, "last", NONE, NONE);
    harness.record("a", 10_000, "next", NONE, NONE);

    assertThat(fired(harness.fire("a", 9_999))).containsExactly("[-8000,2000)=1#0", "[-6000,4000)=1#0",
        "[-4000,6000)=1#0", "[-2000,8000)=1#0", "[0,10000)=2#0");
    assertThat(fired(harness.fire("a", 19_999))).containsExactly("[2000,12000)=2#0", "[4000,14000)=2#0",
        "[6000,16000)=2#0", "[8000,18000)=2#0", "[10000,20000)=1#0");
    assertThat(harness.state("a")).isNull();
  }

  @Test
  void aPaneGoesWhenTheLastWindowHoldingItIsPastItsLateness() throws Throwable {
    WindowHarness harness = counting(3_000);
    harness.record("a", 1_000, "r", NONE, NONE);

    harness.fire("a", 12_998);
    assertThat(harness.state("a").panes()).extracting(Pane::start).containsExactly(0L);
    assertThat(harness.state("a").fired()).containsExactly(new FiredWindow(10_000, 1));

    harness.fire("a", 12_999);
    assertThat(harness.state("a")).isNull();
  }

  @Test
  void aRecordWithinTheLatenessFiresAgainEveryWindowStillOpenWithItsPanesMerged() throws Throwable {
    WindowHarness harness = counting(5_000);
    harness.record("a", 1_000, "r1", NONE, NONE);
    harness.record("a", 3_000, "r2", NONE, NONE);
    assertThat(fired(harness.fire("a", 9_999))).hasSize(5);

    WindowHarness.Applied late = harness.record("a", 1_500, "r3", 9_999, 9_999);

    // [-8000,2000) and [-6000,4000) are past their lateness (6999, 8999); the others fire a second time
    assertThat(windows(late.emitted())).containsExactly("[-4000,6000)=3#1", "[-2000,8000)=3#1", "[0,10000)=3#1");
    assertThat(late.late()).isEmpty();
    WindowHarness.Applied again = harness.record("a", 1_999, "r4", 9_999, 11_000);
    assertThat(windows(again.emitted())).containsExactly("[-2000,8000)=4#2", "[0,10000)=4#2");
    WindowHarness.Applied tooLate = harness.record("a", 1_000, "r5", 9_999, 15_000);
    assertThat(tooLate.emitted()).isEmpty();
    assertThat(tooLate.late()).containsExactly("r5");
  }

  @Test
  void aWindowClosedBeforeItFiredKeepsItsContentsApartFromItsPanes() throws Throwable {
    WindowHarness harness = counting(0);
    harness.record("a", 1_000, "early", NONE, NONE);

    // judged at 9999, [0,10000) is closed but has not fired: the record at 9000 is late for it, not for the others
    WindowHarness.Applied applied = harness.record("a", 9_000, "later", 8_000, 9_999);

    assertThat(applied.emitted()).isEmpty();
    assertThat(harness.state("a").windows()).extracting(OpenWindow::end)
        .containsExactly(2_000L, 4_000L, 6_000L, 8_000L, 10_000L); // every window closed at 9999 that holds "early"
    assertThat(harness.state("a").panes()).extracting(Pane::start).containsExactly(0L, 8_000L);
    assertThat(fired(harness.fire("a", 9_999))).containsExactly("[-8000,2000)=1#0", "[-6000,4000)=1#0",
        "[-4000,6000)=1#0", "[-2000,8000)=1#0", "[0,10000)=1#0");
    assertThat(fired(harness.fire("a", 17_999))).containsExactly("[2000,12000)=1#0", "[4000,14000)=1#0",
        "[6000,16000)=1#0", "[8000,18000)=1#0");
  }

  @Test
  void aFullWindowListsItsRecordsPaneByPaneInArrivalOrderWithinAPane() throws Throwable {
    WindowHarness harness = new WindowHarness(new WindowSpec(WindowKind.SLIDING, 10_000, 2_000, 0, 0, null, null),
        new ElementContents(), null, String.class.getName());
    harness.record("a", 3_000, "b-at-3000", NONE, NONE);
    harness.record("a", 1_000, "a-at-1000", NONE, NONE);
    harness.record("a", 2_500, "c-at-2500", NONE, NONE);

    List<String> fired = fired(harness.fire("a", 9_999));

    // one list per window kept arrival order, b c a; panes give [0,2000) first, then [2000,4000)
    assertThat(fired).contains("[0,10000)=[a-at-1000, b-at-3000, c-at-2500]#0");
  }

  @Test
  void windowsStoredBeforePanesKeepTheirCountsAndFireOnceWithTheNewRecords() throws Throwable {
    WindowHarness harness = counting(0);
    // the layout before panes: one accumulator per window; a record at 1000 and one at 3000
    String window = "{\"start\":%d,\"end\":%d,\"contents\":{\"count\":%d,\"sum\":0.0,\"min\":0.0,\"max\":0.0},"
        + "\"firings\":0}";
    String windows = String.join(",", window.formatted(-8_000, 2_000, 1), window.formatted(-6_000, 4_000, 2),
        window.formatted(-4_000, 6_000, 2), window.formatted(-2_000, 8_000, 2), window.formatted(0, 10_000, 2),
        window.formatted(2_000, 12_000, 1));
    harness.storeText("a", "{\"e\":{\"w/window\":{\"v\":[" + windows + "],\"t\":1700000000000}},\"d\":\"\"}");

    WindowHarness.Applied applied = harness.record("a", 4_000, "r", NONE, NONE);

    assertThat(applied.registered()).extracting(e -> e.time()).containsExactly(13_999L); // only [4000,14000) is new
    assertThat(fired(harness.fire("a", 13_999))).containsExactly("[-8000,2000)=1#0", "[-6000,4000)=2#0",
        "[-4000,6000)=3#0", "[-2000,8000)=3#0", "[0,10000)=3#0", "[2000,12000)=2#0", "[4000,14000)=1#0");
    assertThat(harness.state("a")).isNull();
  }
}
