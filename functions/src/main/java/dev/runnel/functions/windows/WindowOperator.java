package dev.runnel.functions.windows;

import dev.runnel.api.Windowed;
import dev.runnel.functions.operators.Operator;
import dev.runnel.functions.operators.ProcessOperator.ReturnShape;
import dev.runnel.functions.state.StageStates.ValueStateAccess;
import dev.runnel.functions.time.SaturatingTime;
import dev.runnel.functions.time.StageClock;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import dev.runnel.statestore.timers.TimerEntry;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@code window} operator: adds each record of the current key to its windows, and fires a window when the
 * watermark passes its end (in a firing round, {@link #fire}). A record for a window that already fired, within the
 * allowed lateness, fires it again at once with the corrected result; a record later than that, judged against the
 * watermark announced before it ({@link StageClock#judgingWatermark()}), goes to the late output. The key's windows are one state entry, so a failed record leaves them as they were.
 */
public final class WindowOperator implements Operator {
  private final String name;
  private final WindowSpec spec;
  private final WindowAssigner assigner;
  private final PaneContents contents;
  private final MethodHandle method;
  private final ReturnShape shape;
  private final ValueStateAccess panes;
  private final StageClock clock;
  private final List<Object> late = new ArrayList<>();

  /**
   * A window operator.
   *
   * @param name     the node name
   * @param spec     its windows
   * @param contents what a window keeps
   * @param method   the bound window method, typed {@code (Object)Object}
   * @param shape    how the method's result is emitted
   * @param panes    the key's stored windows
   * @param clock    the stage's clock
   */
  public WindowOperator(String name, WindowSpec spec, PaneContents contents, MethodHandle method, ReturnShape shape,
      ValueStateAccess panes, StageClock clock) {
    this.name = name;
    this.spec = spec;
    this.assigner = new WindowAssigner(spec);
    this.contents = contents;
    this.method = method;
    this.shape = shape;
    this.panes = panes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  /** The late-data node's name, or null when late records go to the dead letters. */
  public String lateNode() {
    return spec.lateNode();
  }

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    long time = clock.recordTime();
    if (time == StageClock.NONE) {
      throw new IllegalArgumentException("the record has no event time; windows need @EventTime on the source");
    }
    long watermark = clock.watermark();
    long judging = clock.judgingWatermark();
    List<OpenWindow<Object>> open = new ArrayList<>(stored());
    boolean placed = spec.kind() == WindowKind.SESSION
        ? addToSession(open, record, time, watermark, judging, out)
        : addToWindows(open, record, time, watermark, judging, out);
    if (!placed) {
      if (spec.lateNode() == null) {
        throw new LateRecordException("event time " + time + " is later than the allowed lateness ("
            + spec.latenessMillis() + " ms) of every window it belongs to, at watermark " + judging);
      }
      late.add(record);
      return;
    }
    save(open);
  }

  private boolean addToWindows(List<OpenWindow<Object>> open, Object record, long time, long watermark,
      long judging, List<Object> out) throws Throwable {
    boolean placed = false;
    for (WindowAssigner.Bounds bounds : assigner.assign(time)) {
      if (assigner.isExpired(bounds.end(), judging)) {
        continue;
      }
      int at = indexOf(open, bounds.start(), bounds.end());
      OpenWindow<Object> pane;
      if (at < 0) {
        pane = new OpenWindow<>(bounds.start(), bounds.end(), contents.add(contents.create(), record), 0);
        open.add(pane);
        at = open.size() - 1;
        registerDue(pane);
      } else {
        pane = open.get(at).with(contents.add(open.get(at).contents(), record));
        open.set(at, pane);
      }
      if (WindowAssigner.isDue(pane.end(), watermark)) {
        emit(pane, out);
        open.set(at, pane.fired());
      }
      placed = true;
    }
    return placed;
  }

  /**
   * True when {@code pane} overlaps or touches {@code [start, end)}: sessions merge when they touch, as Flink's do, so
   * a record exactly one gap after the last one of a session joins it.
   */
  private static boolean touches(OpenWindow<?> pane, long start, long end) {
    return pane.start() <= end && start <= pane.end();
  }

  private boolean addToSession(List<OpenWindow<Object>> open, Object record, long time, long watermark,
      long judging, List<Object> out) throws Throwable {
    long start = time;
    long end = SaturatingTime.plus(time, spec.gapMillis());
    if (assigner.isExpired(end, judging)) {
      return false;
    }
    List<OpenWindow<Object>> merging = new ArrayList<>();
    OpenWindow<Object> mine = new OpenWindow<>(start, end, contents.add(contents.create(), record), 0);
    merging.add(mine);
    for (OpenWindow<Object> pane : List.copyOf(open)) {
      if (touches(pane, start, end)) {
        merging.add(pane);
        open.remove(pane);
      }
    }
    merging.sort(Comparator.comparingLong(OpenWindow<Object>::start).thenComparingLong(OpenWindow::end));
    OpenWindow<Object> merged = merging.get(0);
    for (OpenWindow<Object> next : merging.subList(1, merging.size())) {
      merged = new OpenWindow<>(Math.min(merged.start(), next.start()), Math.max(merged.end(), next.end()),
          contents.merge(merged.contents(), next.contents()), Math.max(merged.firings(), next.firings()));
    }
    // a merge can grow a session to overlap others: merge until no pane overlaps
    boolean grew = true;
    while (grew) {
      grew = false;
      for (OpenWindow<Object> pane : List.copyOf(open)) {
        if (touches(pane, merged.start(), merged.end())) {
          OpenWindow<Object> first = pane.start() <= merged.start() ? pane : merged;
          OpenWindow<Object> second = first == pane ? merged : pane;
          merged = new OpenWindow<>(Math.min(pane.start(), merged.start()), Math.max(pane.end(), merged.end()),
              contents.merge(first.contents(), second.contents()), Math.max(pane.firings(), merged.firings()));
          open.remove(pane);
          grew = true;
        }
      }
    }
    if (WindowAssigner.isDue(merged.end(), watermark)) {
      emit(merged, out);
      merged = merged.fired();
    }
    open.add(merged);
    registerDue(merged);
    return true;
  }

  /**
   * Fires the current key's windows that are due at the watermark, and drops those past their allowed lateness.
   *
   * @return what each fired window emitted, with the window's last timestamp as the event time of its records
   */
  public List<Fired> fire(long watermark) throws Throwable {
    List<OpenWindow<Object>> open = new ArrayList<>(stored());
    open.sort(Comparator.comparingLong(OpenWindow<Object>::end).thenComparingLong(OpenWindow::start));
    List<Fired> fired = new ArrayList<>();
    List<OpenWindow<Object>> kept = new ArrayList<>();
    for (OpenWindow<Object> pane : open) {
      OpenWindow<Object> current = pane;
      if (current.firings() == 0 && WindowAssigner.isDue(current.end(), watermark)) {
        List<Object> records = new ArrayList<>();
        emit(current, records);
        fired.add(new Fired(records, current.maxTimestamp()));
        current = current.fired();
      }
      if (!assigner.isExpired(current.end(), watermark)) {
        kept.add(current);
      }
    }
    if (!fired.isEmpty() || kept.size() != open.size()) {
      save(kept);
    }
    return fired;
  }

  /**
   * Marks the current key's due windows as fired without running the method (after the method threw for them), and
   * drops those past their allowed lateness, so a failing window method cannot hold the key back.
   */
  public void dropDue(long watermark) {
    List<OpenWindow<Object>> kept = new ArrayList<>();
    for (OpenWindow<Object> pane : stored()) {
      OpenWindow<Object> current = pane.firings() == 0 && WindowAssigner.isDue(pane.end(), watermark) ? pane.fired()
          : pane;
      if (!assigner.isExpired(current.end(), watermark)) {
        kept.add(current);
      }
    }
    save(kept);
  }

  /** The late records of the record just applied, which are then forgotten. */
  public List<Object> drainLate() {
    List<Object> drained = List.copyOf(late);
    late.clear();
    return drained;
  }

  private void emit(OpenWindow<Object> pane, List<Object> out) throws Throwable {
    Windowed<Object> value = new Windowed<>(clock.key(), pane.start(), pane.end(), contents.result(pane.contents()),
        pane.firings());
    Object result = (Object) method.invokeExact((Object) value);
    shape.collect(result, "window " + name, out);
  }

  private void registerDue(OpenWindow<Object> pane) {
    clock.register(TimerEntry.Domain.EVENT_TIME, pane.maxTimestamp());
    if (spec.latenessMillis() > 0) {
      clock.register(TimerEntry.Domain.EVENT_TIME, SaturatingTime.plus(pane.maxTimestamp(), spec.latenessMillis()));
    }
  }

  private static int indexOf(List<OpenWindow<Object>> open, long start, long end) {
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i).start() == start && open.get(i).end() == end) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private List<OpenWindow<Object>> stored() {
    Object value = panes.get();
    return value == null ? List.of() : (List<OpenWindow<Object>>) value;
  }

  private void save(List<OpenWindow<Object>> open) {
    open.sort(Comparator.comparingLong(OpenWindow<Object>::start).thenComparingLong(OpenWindow::end));
    panes.set(open.isEmpty() ? null : List.copyOf(open));
  }

  /**
   * What one window emitted when it fired.
   *
   * @param records   the records, in emission order
   * @param eventTime their event time: the window's last timestamp
   */
  public record Fired(List<Object> records, long eventTime) {}
}
