package dev.runnel.functions.windows;

import dev.runnel.api.KeyedWindow;
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
 * watermark passes its end (in a firing round, {@link #fire}). Processing-time windows place a record by its arrival
 * time, never into a window that already fired, and fire when the round's processing time passes their end; count
 * windows fire when their last record arrives, as that record's output. A record for a window that already fired, within the
 * allowed lateness, fires it again at once with the corrected result; a record later than that, judged against the
 * watermark announced before it ({@link StageClock#judgingWatermark()}), goes to the late output. The key's windows
 * are one state entry ({@link WindowState}), so a failed record leaves them as they were. Sliding windows whose
 * contents merge are kept as panes ({@link KeyWindows}): a record updates one pane, and a window's value is its panes
 * merged when it fires.
 */
public final class WindowOperator implements Operator {
  private final String name;
  private final WindowSpec spec;
  private final WindowAssigner assigner;
  private final PaneContents contents;
  private final MethodHandle method;
  private final ReturnShape shape;
  private final ValueStateAccess state;
  private final StageClock clock;
  private final long paneLength;
  private final EarlyFirings early;
  private final java.util.function.Function<String, Object> typedKey;
  private final List<Object> late = new ArrayList<>();

  /**
   * A window operator.
   *
   * @param name     the node name
   * @param spec     its windows
   * @param contents what a window keeps
   * @param method   the bound window method, typed {@code (Object)Object}
   * @param shape    how the method's result is emitted
   * @param state    the key's stored windows
   * @param clock    the stage's clock
   */
  public WindowOperator(String name, WindowSpec spec, PaneContents contents, MethodHandle method, ReturnShape shape,
      ValueStateAccess state, StageClock clock) {
    this(name, spec, contents, method, shape, state, clock, null);
  }

  /**
   * A window operator whose method takes {@code KeyedWindow<K, V>} when {@code typedKey} is set: it reads the key's
   * text as {@code K} ({@link WindowKeys}); null for a method taking {@code Windowed<V>}.
   */
  public WindowOperator(String name, WindowSpec spec, PaneContents contents, MethodHandle method, ReturnShape shape,
      ValueStateAccess state, StageClock clock, java.util.function.Function<String, Object> typedKey) {
    this.typedKey = typedKey;
    this.name = name;
    this.spec = spec;
    this.assigner = new WindowAssigner(spec);
    this.contents = contents;
    this.method = method;
    this.shape = shape;
    this.state = state;
    this.clock = clock;
    this.early = new EarlyFirings(spec);
    this.paneLength = spec.kind() == WindowKind.SLIDING && contents.merges()
        ? KeyWindows.paneLength(spec.sizeMillis(), spec.slideMillis()) : 0;
  }

  @Override
  public String name() {
    return name;
  }

  /** The late-data node's name, or null when late records go to the dead letters. */
  public String lateNode() {
    return spec.lateNode();
  }

  /** True for windows that fire in rounds, by the watermark or processing time: all but count windows. */
  public boolean firesInRounds() {
    return spec.firesInRounds();
  }

  /** True for windows that fire by the stage's processing time. */
  public boolean followsProcessingTime() {
    return spec.followsProcessingTime();
  }

  /** True when the stage's processing time matters: processing-time windows, or early firings by processing time. */
  public boolean needsProcessingTime() {
    return spec.needsProcessingTime();
  }

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    if (spec.kind() == WindowKind.COUNT) {
      addToCounted(record, out);
      return;
    }
    long time;
    long watermark;
    long judging;
    if (spec.followsProcessingTime()) {
      // the arrival time, or just after the processing time the shard last fired at: never a fired window
      long fired = clock.committedProcessingTime();
      time = fired == StageClock.NONE ? clock.processingTime()
          : Math.max(clock.processingTime(), SaturatingTime.plus(fired, 1));
      watermark = fired;
      judging = fired;
    } else {
      time = clock.recordTime();
      if (time == StageClock.NONE) {
        throw new IllegalArgumentException("the record has no event time; windows need @EventTime on the source");
      }
      watermark = clock.watermark();
      judging = clock.judgingWatermark();
    }
    KeyWindows key = stored();
    boolean placed = spec.kind() == WindowKind.SESSION
        ? addToSession(key.windows(), record, time, watermark, judging, out)
        : addToWindows(key, record, time, watermark, judging, out);
    if (!placed) {
      if (spec.lateNode() == null) {
        throw new LateRecordException("event time " + time + " is later than the allowed lateness ("
            + spec.latenessMillis() + " ms) of every window it belongs to, at watermark " + judging);
      }
      late.add(record);
      return;
    }
    save(key);
  }

  /**
   * Adds a tumbling or sliding window's record to each of its windows not past their allowed lateness. Windows made of
   * panes are judged at the watermark they were last closed at too, which is never above {@code judging} while
   * watermarks only grow.
   */
  private boolean addToWindows(KeyWindows key, Object record, long time, long watermark, long judging,
      List<Object> out) throws Throwable {
    long judgedAt = Math.max(judging, key.closedAt());
    List<WindowAssigner.Bounds> open = new ArrayList<>();
    for (WindowAssigner.Bounds bounds : assigner.assign(time)) {
      if (!assigner.isExpired(bounds.end(), judgedAt)) {
        open.add(bounds);
      }
    }
    if (open.isEmpty()) {
      return false;
    }
    key.closeAt(judging);
    boolean inPanes = key.fitsPanes(time);
    boolean toPane = false;
    for (WindowAssigner.Bounds bounds : open) {
      boolean own = key.ownIndex(bounds.start(), bounds.end()) >= 0;
      boolean openInPanes = !own && key.openInPanes(bounds.start(), bounds.end());
      if (!own && !openInPanes) {
        registerDue(bounds.end());
      }
      if (own || !inPanes) {
        if (openInPanes) {
          key.keepApart(bounds.start(), bounds.end());
        }
        key.addOwn(bounds.start(), bounds.end(), record);
        if (early.tracked()) {
          receivedBy(key, bounds);
        }
      } else {
        toPane = true;
      }
    }
    if (toPane) {
      key.addToPane(time, record);
    }
    if (early.tracked()) {
      fireOnRecord(key, open, watermark, out);
      return true;
    }
    for (WindowAssigner.Bounds bounds : open) {
      if (WindowAssigner.isDue(bounds.end(), watermark)) {
        KeyWindows.Live window = key.find(bounds.start(), bounds.end());
        emit(window, key.contentsOf(window), out);
        key.markFired(window);
      }
    }
    return true;
  }

  /** Counts a record of a tracked window, and registers its early firing by time when it schedules one. */
  private void receivedBy(KeyWindows key, WindowAssigner.Bounds bounds) {
    int at = key.ownIndex(bounds.start(), bounds.end());
    OpenWindow<Object> window = key.windows().get(at);
    OpenWindow<Object> next = early.received(window, clock.processingTime());
    if (next.earlyAt() != window.earlyAt()) {
      clock.register(TimerEntry.Domain.PROCESSING_TIME, next.earlyAt());
    }
    key.windows().set(at, next);
  }

  /**
   * Fires what a record makes due in tracked windows, as the record's output: a window past its end fires again at
   * once (late), one before its end that reached {@code earlyCount} records since it last fired fires early.
   */
  private void fireOnRecord(KeyWindows key, List<WindowAssigner.Bounds> open, long watermark, List<Object> out)
      throws Throwable {
    for (WindowAssigner.Bounds bounds : open) {
      int at = key.ownIndex(bounds.start(), bounds.end());
      OpenWindow<Object> window = key.windows().get(at);
      if (WindowAssigner.isDue(bounds.end(), watermark)) {
        emit(window, Windowed.Timing.LATE, out);
        key.windows().set(at, discarded(window.fired()));
      } else if (early.dueByCount(window)) {
        emit(window, Windowed.Timing.EARLY, out);
        key.windows().set(at, discarded(window.firedEarly()));
      }
    }
  }

  /**
   * Fires a tracked key's windows due in a round: at their end (unless discarding left nothing new), or early by
   * processing time.
   */
  private boolean fireTracked(KeyWindows key, long watermark, long eventWatermark, long processingTime,
      List<Fired> fired) throws Throwable {
    boolean changed = false;
    for (int at = 0; at < key.windows().size(); at++) {
      OpenWindow<Object> window = key.windows().get(at);
      Windowed.Timing timing = window.firings() == 0 && WindowAssigner.isDue(window.end(), watermark)
          ? Windowed.Timing.ON_TIME : early.dueByTime(window, processingTime) ? Windowed.Timing.EARLY : null;
      if (timing == null) {
        continue;
      }
      if (timing == Windowed.Timing.EARLY || !early.silentAtEnd(window)) {
        List<Object> records = new ArrayList<>();
        emit(window, timing, records);
        fired.add(new Fired(records, spec.followsProcessingTime() ? eventWatermark
            : SaturatingTime.minus(window.end(), 1)));
      }
      key.windows().set(at, discarded(timing == Windowed.Timing.EARLY ? window.firedEarly() : window.fired()));
      changed = true;
    }
    return changed;
  }

  /** {@code window} after a firing: emptied when firings discard, as it was otherwise. */
  private OpenWindow<Object> discarded(OpenWindow<Object> window) throws Throwable {
    return spec.discards() ? window.with(contents.create()) : window;
  }

  /**
   * Adds a count window's record to the key's open windows (opening one at every countStep-th record of the key), and
   * fires the window it completes, if any, as this record's output.
   */
  private void addToCounted(Object record, List<Object> out) throws Throwable {
    KeyWindows key = stored();
    long number = key.seen();
    List<OpenWindow<Object>> windows = key.windows();
    if (number % spec.countStep() == 0) {
      windows.add(new OpenWindow<>(number, SaturatingTime.plus(number, spec.count()), contents.create(), 0));
    }
    for (int i = 0; i < windows.size(); i++) {
      windows.set(i, windows.get(i).with(contents.add(windows.get(i).contents(), record)));
    }
    key.countRecord();
    for (OpenWindow<Object> window : List.copyOf(windows)) {
      if (window.end() == key.seen()) {
        emit(new KeyWindows.Live(window.start(), window.end(), 0, true), window.contents(), out);
        windows.remove(window);
      }
    }
    save(key);
  }

  /**
   * True when {@code window} overlaps or touches {@code [start, end)}: sessions merge when they touch, as Flink's do,
   * so a record exactly one gap after the last one of a session joins it.
   */
  private static boolean touches(OpenWindow<?> window, long start, long end) {
    return window.start() <= end && start <= window.end();
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
    for (OpenWindow<Object> window : List.copyOf(open)) {
      if (touches(window, start, end)) {
        merging.add(window);
        open.remove(window);
      }
    }
    merging.sort(Comparator.comparingLong(OpenWindow<Object>::start).thenComparingLong(OpenWindow::end));
    OpenWindow<Object> merged = merging.get(0);
    for (OpenWindow<Object> next : merging.subList(1, merging.size())) {
      merged = new OpenWindow<>(Math.min(merged.start(), next.start()), Math.max(merged.end(), next.end()),
          contents.merge(merged.contents(), next.contents()), Math.max(merged.firings(), next.firings()));
    }
    // a merge can grow a session to overlap others: merge until no window overlaps
    boolean grew = true;
    while (grew) {
      grew = false;
      for (OpenWindow<Object> window : List.copyOf(open)) {
        if (touches(window, merged.start(), merged.end())) {
          OpenWindow<Object> first = window.start() <= merged.start() ? window : merged;
          OpenWindow<Object> second = first == window ? merged : window;
          merged = new OpenWindow<>(Math.min(window.start(), merged.start()), Math.max(window.end(), merged.end()),
              contents.merge(first.contents(), second.contents()), Math.max(window.firings(), merged.firings()));
          open.remove(window);
          grew = true;
        }
      }
    }
    if (WindowAssigner.isDue(merged.end(), watermark)) {
      emit(new KeyWindows.Live(merged.start(), merged.end(), merged.firings(), true), merged.contents(), out);
      merged = merged.fired();
    }
    open.add(merged);
    registerDue(merged.end());
    return true;
  }

  /**
   * Fires the current key's windows that are due at the watermark (processing-time windows: at the processing time),
   * and drops those past their allowed lateness. Count windows fire on records, never here.
   *
   * @return what each fired window emitted, with the window's last timestamp as the event time of its records (a
   *         processing-time window's: the watermark, as a processing-time timer's)
   */
  public List<Fired> fire(long watermark, long processingTime) throws Throwable {
    if (!spec.firesInRounds()) {
      return List.of();
    }
    long eventWatermark = watermark;
    if (spec.followsProcessingTime()) {
      watermark = processingTime;
    }
    KeyWindows key = stored();
    List<Fired> fired = new ArrayList<>();
    boolean changed = early.tracked() && fireTracked(key, watermark, eventWatermark, processingTime, fired);
    for (KeyWindows.Live window : early.tracked() ? List.<KeyWindows.Live>of() : key.live()) {
      if (window.firings() == 0 && WindowAssigner.isDue(window.end(), watermark)) {
        List<Object> records = new ArrayList<>();
        emit(window, key.contentsOf(window), records);
        fired.add(new Fired(records, spec.followsProcessingTime() ? eventWatermark
            : SaturatingTime.minus(window.end(), 1)));
        key.markFired(window);
      }
    }
    if (key.dropExpired(watermark) || !fired.isEmpty() || changed) {
      save(key);
    }
    return fired;
  }

  /**
   * Marks the current key's due windows as fired without running the method (after the method threw for them), and
   * drops those past their allowed lateness, so a failing window method cannot hold the key back.
   */
  public void dropDue(long watermark, long processingTime) {
    if (!spec.firesInRounds()) {
      return;
    }
    if (spec.followsProcessingTime()) {
      watermark = processingTime;
    }
    KeyWindows key = stored();
    for (KeyWindows.Live window : key.live()) {
      if (window.firings() == 0 && WindowAssigner.isDue(window.end(), watermark)) {
        key.markFired(window);
      }
    }
    if (early.tracked()) {
      for (int at = 0; at < key.windows().size(); at++) {
        if (early.dueByTime(key.windows().get(at), processingTime)) {
          key.windows().set(at, key.windows().get(at).firedEarly());
        }
      }
    }
    key.dropExpired(watermark);
    save(key);
  }

  /** The late records of the record just applied, which are then forgotten. */
  public List<Object> drainLate() {
    List<Object> drained = List.copyOf(late);
    late.clear();
    return drained;
  }

  private void emit(KeyWindows.Live window, Object windowContents, List<Object> out) throws Throwable {
    emit(window.start(), window.end(), window.firings(),
        window.firings() == 0 ? Windowed.Timing.ON_TIME : Windowed.Timing.LATE, windowContents, out);
  }

  /** Emits a tracked window: its firing counts its early firings too. */
  private void emit(OpenWindow<Object> window, Windowed.Timing timing, List<Object> out) throws Throwable {
    emit(window.start(), window.end(), window.early() + window.firings(), timing, window.contents(), out);
  }

  private void emit(long start, long end, int firing, Windowed.Timing timing, Object windowContents,
      List<Object> out) throws Throwable {
    Object result = contents.result(windowContents);
    Object value = typedKey == null ? new Windowed<>(clock.key(), start, end, result, firing, timing)
        : new KeyedWindow<>(typedKey.apply(clock.key()), start, end, result, firing, timing);
    Object emitted = (Object) method.invokeExact(value);
    shape.collect(emitted, "window " + name, out);
  }

  private void registerDue(long end) {
    long maxTimestamp = SaturatingTime.minus(end, 1);
    TimerEntry.Domain domain = spec.followsProcessingTime() ? TimerEntry.Domain.PROCESSING_TIME
        : TimerEntry.Domain.EVENT_TIME;
    clock.register(domain, maxTimestamp);
    if (spec.latenessMillis() > 0) {
      clock.register(domain, SaturatingTime.plus(maxTimestamp, spec.latenessMillis()));
    }
  }

  @SuppressWarnings("unchecked")
  private KeyWindows stored() {
    return new KeyWindows((WindowState<Object>) state.get(), assigner, contents, paneLength);
  }

  private void save(KeyWindows key) {
    state.set(key.state());
  }

  /**
   * What one window emitted when it fired.
   *
   * @param records   the records, in emission order
   * @param eventTime their event time: the window's last timestamp
   */
  public record Fired(List<Object> records, long eventTime) {}
}
