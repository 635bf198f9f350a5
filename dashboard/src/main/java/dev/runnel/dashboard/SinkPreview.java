package dev.runnel.dashboard;

import java.util.List;

/**
 * A sink's size and a few of its records.
 *
 * @param name    the sink's name
 * @param kind    console, stream or table
 * @param target  the stream or table it writes, or null for a console sink
 * @param count   records (lines, items) so far
 * @param latest  the last few records in the sink's order, as JSON
 */
public record SinkPreview(String name, String kind, String target, long count, List<String> latest) {
  public SinkPreview {
    latest = List.copyOf(latest);
  }
}
