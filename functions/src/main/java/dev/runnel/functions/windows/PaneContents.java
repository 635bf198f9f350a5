package dev.runnel.functions.windows;

/**
 * What a window keeps and how it becomes the window method's value: an accumulator that records are added to, or the
 * records themselves.
 */
public interface PaneContents {
  /** Empty contents for a new window. */
  Object create();

  /** The contents after adding {@code record}; never changes {@code contents} itself, which may be a stored value. */
  Object add(Object contents, Object record) throws Throwable;

  /** The contents of two session windows or two panes merged, {@code earlier} starting first. */
  Object merge(Object earlier, Object later) throws Throwable;

  /**
   * True when {@link #merge} works, so sliding windows can be kept as panes: a user function that does not implement
   * merge keeps one accumulator per window.
   */
  default boolean merges() {
    return true;
  }

  /** The value passed to the window method. */
  Object result(Object contents) throws Throwable;
}
