package dev.runnel.functions.windows;

import dev.runnel.functions.time.SaturatingTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A key's windows while one record or one firing round changes them: a working copy of its {@link WindowState}, and
 * the arithmetic of sliding windows made of panes. A window made of panes is open when it is not closed (past its
 * allowed lateness at {@link #closedAt}), is not kept apart with its own contents, and holds a non-empty pane; its
 * value is its panes merged in time order.
 */
final class KeyWindows {
  /** One open window, with its own contents or made of panes. */
  record Live(long start, long end, int firings, boolean ownContents) {}

  private final WindowAssigner assigner;
  private final PaneContents contents;
  private final long paneLength;
  private final List<OpenWindow<Object>> windows;
  private final List<Pane<Object>> panes;
  private final List<FiredWindow> fired;
  private long closedAt;
  private long seen;

  /**
   * The working copy of {@code stored} (null for none).
   *
   * @param paneLength the pane length, or 0 when every window keeps its own contents
   */
  KeyWindows(WindowState<Object> stored, WindowAssigner assigner, PaneContents contents, long paneLength) {
    this.assigner = assigner;
    this.contents = contents;
    this.paneLength = paneLength;
    this.windows = new ArrayList<>(stored == null ? List.of() : stored.windows());
    this.panes = new ArrayList<>(stored == null ? List.of() : stored.panes());
    this.fired = new ArrayList<>(stored == null ? List.of() : stored.fired());
    this.closedAt = stored == null ? Long.MIN_VALUE : stored.closedAt();
    this.seen = stored == null ? 0 : stored.seen();
  }

  /** Count windows: how many records of the key arrived before this one, which is its number. */
  long seen() {
    return seen;
  }

  /** Count windows: counts one more record. */
  void countRecord() {
    seen++;
  }

  /** The pane length of sliding windows of {@code size} every {@code slide}: their greatest common divisor. */
  static long paneLength(long size, long slide) {
    long a = size;
    long b = slide;
    while (b != 0) {
      long next = a % b;
      a = b;
      b = next;
    }
    return a;
  }

  /** True when windows are made of panes. */
  boolean paned() {
    return paneLength > 0;
  }

  /**
   * True when a record at {@code time} may go to a pane: every window and pane near it has exact bounds. Windows
   * within twice their size of the ends of time are clamped there, and keep their own contents instead.
   */
  boolean fitsPanes(long time) {
    long margin = SaturatingTime.plus(SaturatingTime.plus(assigner.spec().sizeMillis(), assigner.spec().sizeMillis()),
        paneLength);
    return paned() && time > SaturatingTime.plus(Long.MIN_VALUE, margin)
        && time < SaturatingTime.minus(Long.MAX_VALUE, margin);
  }

  /** The watermark windows made of panes were last closed at. */
  long closedAt() {
    return closedAt;
  }

  /** The windows with their own contents (session windows are merged in this list directly). */
  List<OpenWindow<Object>> windows() {
    return windows;
  }

  /** The index of the window {@code [start, end)} with its own contents, or -1. */
  int ownIndex(long start, long end) {
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).start() == start && windows.get(i).end() == end) {
        return i;
      }
    }
    return -1;
  }

  /** True when {@code [start, end)} is an open window made of panes. */
  boolean openInPanes(long start, long end) {
    if (!paned() || assigner.isExpired(end, closedAt) || ownIndex(start, end) >= 0) {
      return false;
    }
    for (Pane<Object> pane : panes) {
      if (pane.start() >= start && pane.start() < end) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code record} to the window {@code [start, end)} that keeps its own contents, creating it if needed. */
  void addOwn(long start, long end, Object record) throws Throwable {
    int at = ownIndex(start, end);
    if (at >= 0) {
      OpenWindow<Object> window = windows.get(at);
      windows.set(at, window.with(contents.add(window.contents(), record)));
    } else {
      windows.add(new OpenWindow<>(start, end, contents.add(contents.create(), record), 0));
    }
  }

  /** Makes the open window {@code [start, end)} made of panes keep its own contents from now on. */
  void keepApart(long start, long end) throws Throwable {
    OpenWindow<Object> window = new OpenWindow<>(start, end, contentsInPanes(start, end), firings(end));
    fired.removeIf(f -> f.end() == end);
    windows.add(window);
  }

  /** Adds {@code record}, at {@code time}, to its pane. */
  void addToPane(long time, Object record) throws Throwable {
    long start = time - Math.floorMod(time, paneLength);
    for (int i = 0; i < panes.size(); i++) {
      Pane<Object> pane = panes.get(i);
      if (pane.start() == start) {
        panes.set(i, new Pane<>(start, contents.add(pane.contents(), record)));
        return;
      }
      if (pane.start() > start) {
        panes.add(i, new Pane<>(start, contents.add(contents.create(), record)));
        return;
      }
    }
    panes.add(new Pane<>(start, contents.add(contents.create(), record)));
  }

  /**
   * Closes windows made of panes at {@code watermark}, the watermark a record was judged at: those past their
   * lateness at it that have not fired yet keep their contents apart, so that the record, which is late for them,
   * never reaches them through a shared pane; they fire in the next round.
   */
  void closeAt(long watermark) throws Throwable {
    if (!paned() || watermark <= closedAt) {
      return;
    }
    for (Live window : live()) {
      if (!window.ownContents() && window.firings() == 0 && assigner.isExpired(window.end(), watermark)) {
        keepApart(window.start(), window.end());
      }
    }
    closedAt = watermark;
  }

  /** The window {@code [start, end)}, open with its own contents or in panes. */
  Live find(long start, long end) {
    int at = ownIndex(start, end);
    if (at >= 0) {
      return new Live(start, end, windows.get(at).firings(), true);
    }
    return new Live(start, end, firings(end), false);
  }

  /** Every open window, by end and then start. */
  List<Live> live() {
    List<Live> live = new ArrayList<>(windows.size() + panes.size());
    for (OpenWindow<Object> window : windows) {
      live.add(new Live(window.start(), window.end(), window.firings(), true));
    }
    if (paned()) {
      TreeMap<Long, Long> inPanes = new TreeMap<>();
      for (Pane<Object> pane : panes) {
        for (WindowAssigner.Bounds bounds : assigner.assign(pane.start())) {
          if (!assigner.isExpired(bounds.end(), closedAt) && ownIndex(bounds.start(), bounds.end()) < 0) {
            inPanes.put(bounds.start(), bounds.end());
          }
        }
      }
      inPanes.forEach((start, end) -> live.add(new Live(start, end, firings(end), false)));
    }
    live.sort(Comparator.comparingLong(Live::end).thenComparingLong(Live::start));
    return live;
  }

  /** The contents of an open window. */
  Object contentsOf(Live window) throws Throwable {
    return window.ownContents() ? windows.get(ownIndex(window.start(), window.end())).contents()
        : contentsInPanes(window.start(), window.end());
  }

  /** Counts one more firing of an open window. */
  void markFired(Live window) {
    if (window.ownContents()) {
      int at = ownIndex(window.start(), window.end());
      windows.set(at, windows.get(at).fired());
    } else {
      fired.removeIf(f -> f.end() == window.end());
      fired.add(new FiredWindow(window.end(), window.firings() + 1));
    }
  }

  /**
   * Drops the windows past their allowed lateness at {@code watermark}, and the panes and firing counts no open
   * window needs any more.
   *
   * @return true when something was dropped or windows made of panes were closed at a later watermark
   */
  boolean dropExpired(long watermark) {
    int before = windows.size() + panes.size() + fired.size();
    windows.removeIf(window -> assigner.isExpired(window.end(), watermark));
    boolean closed = false;
    if (paned() && watermark > closedAt) {
      closedAt = watermark;
      closed = true;
    }
    fired.removeIf(f -> assigner.isExpired(f.end(), closedAt));
    panes.removeIf(pane -> !needed(pane));
    return closed || windows.size() + panes.size() + fired.size() != before;
  }

  /** True when some open window made of panes holds {@code pane}. */
  private boolean needed(Pane<Object> pane) {
    for (WindowAssigner.Bounds bounds : assigner.assign(pane.start())) {
      if (!assigner.isExpired(bounds.end(), closedAt) && ownIndex(bounds.start(), bounds.end()) < 0) {
        return true;
      }
    }
    return false;
  }

  /** What to store: null when nothing is left. */
  WindowState<Object> state() {
    windows.sort(Comparator.comparingLong(OpenWindow<Object>::start).thenComparingLong(OpenWindow::end));
    fired.sort(Comparator.comparingLong(FiredWindow::end));
    WindowState<Object> state = new WindowState<>(windows, panes, fired, closedAt, seen);
    return state.isEmpty() ? null : state;
  }

  private int firings(long end) {
    for (FiredWindow f : fired) {
      if (f.end() == end) {
        return f.firings();
      }
    }
    return 0;
  }

  private Object contentsInPanes(long start, long end) throws Throwable {
    Object merged = null;
    for (Pane<Object> pane : panes) {
      if (pane.start() >= start && pane.start() < end) {
        merged = merged == null ? pane.contents() : contents.merge(merged, pane.contents());
      }
    }
    return merged == null ? contents.create() : merged;
  }
}
