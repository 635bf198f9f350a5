package dev.runnel.functions.windows;

/**
 * One slice of a key's sliding windows: the records of {@code [start, start + length)}, where the length divides both
 * the size and the slide, so every window is a run of whole panes. A record updates its one pane; a window's value is
 * its panes merged.
 *
 * @param start    the pane's start, epoch milliseconds
 * @param contents the accumulator, or the records in arrival order (full-window processing)
 * @param <C>      the contents type
 */
public record Pane<C>(long start, C contents) {}
