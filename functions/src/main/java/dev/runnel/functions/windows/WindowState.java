package dev.runnel.functions.windows;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * The stored windows of one key of a window operator. Tumbling and session windows are {@link OpenWindow}s, each
 * with its own contents. Sliding windows are {@link Pane}s: a window that is not closed and holds a non-empty pane is
 * open, and its value is its panes merged (see {@link PanedWindows}); a sliding window is kept apart as an
 * {@link OpenWindow} only when it must not see later records of its panes (closed while still to fire), when stored
 * by the version before panes, or when its aggregate cannot merge.
 *
 * @param windows  windows with their own contents, by start
 * @param panes    the panes some open window still needs, by start
 * @param fired    how often each fired sliding window made of panes fired, by end; a window not listed has not fired
 * @param closedAt the highest watermark sliding windows made of panes were closed at: a window past its allowed
 *                 lateness at it is gone, whatever panes it overlaps; {@code Long.MIN_VALUE} when none was
 * @param seen     count windows: how many records of the key arrived so far (the next record's number); 0 otherwise
 * @param <C>      the contents type
 */
@JsonSerialize(using = WindowStateJson.Writer.class)
@JsonDeserialize(using = WindowStateJson.Reader.class)
public record WindowState<C>(List<OpenWindow<C>> windows, List<Pane<C>> panes, List<FiredWindow> fired,
    long closedAt, long seen) {
  public WindowState {
    windows = List.copyOf(windows);
    panes = List.copyOf(panes);
    fired = List.copyOf(fired);
  }

  /** The windows of time windows, which count no records. */
  public WindowState(List<OpenWindow<C>> windows, List<Pane<C>> panes, List<FiredWindow> fired, long closedAt) {
    this(windows, panes, fired, closedAt, 0);
  }

  /** Windows with their own contents only, as tumbling and session windows are kept. */
  public static <C> WindowState<C> ofWindows(List<OpenWindow<C>> windows) {
    return new WindowState<>(windows, List.of(), List.of(), Long.MIN_VALUE);
  }

  /** True when it holds nothing: the key's state entry is removed. */
  public boolean isEmpty() {
    return windows.isEmpty() && panes.isEmpty() && fired.isEmpty() && seen == 0;
  }
}
