package dev.runnel.functions.windows;

/**
 * How often a sliding window made of panes has fired, while it is within its allowed lateness.
 *
 * @param end     the window's end, exclusive (its start is the end less the size)
 * @param firings how many times it fired: at least 1
 */
public record FiredWindow(long end, int firings) {}
