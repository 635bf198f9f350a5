package dev.runnel.nexmark.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares a query's output rows with its reference as multisets, per window: each window's rows must be exactly the
 * reference's, as many times each. Describes the first differing windows, with rows missing and rows extra.
 *
 * @param query    the query's name, for the description
 * @param windowOf the window a row belongs to (a constant for queries without windows)
 * @param <R>      the row type
 */
public record RowComparison<R>(String query, Function<R, ?> windowOf) {
  private static final int WINDOWS_SHOWN = 3;
  private static final int ROWS_SHOWN = 3;

  /** Empty when {@code actual} equals {@code expected} window by window; otherwise what differs. */
  public String differences(List<R> expected, List<R> actual) {
    Map<String, Map<R, Integer>> expectedByWindow = byWindow(expected);
    Map<String, Map<R, Integer>> actualByWindow = byWindow(actual);
    List<String> windows = new ArrayList<>(new TreeMap<>(expectedByWindow).keySet());
    actualByWindow.keySet().stream().filter(w -> !expectedByWindow.containsKey(w)).sorted().forEach(windows::add);
    StringBuilder out = new StringBuilder();
    int differing = 0;
    for (String window : windows) {
      Map<R, Integer> want = expectedByWindow.getOrDefault(window, Map.of());
      Map<R, Integer> got = actualByWindow.getOrDefault(window, Map.of());
      if (want.equals(got)) {
        continue;
      }
      if (++differing <= WINDOWS_SHOWN) {
        out.append("\n  window ").append(window).append(": missing ").append(minus(want, got))
            .append(", extra ").append(minus(got, want));
      }
    }
    if (differing == 0) {
      return "";
    }
    return query + ": " + actual.size() + " rows, the reference has " + expected.size() + "; " + differing + " of "
        + windows.size() + " windows differ" + out;
  }

  private Map<String, Map<R, Integer>> byWindow(List<R> rows) {
    Map<String, Map<R, Integer>> byWindow = new HashMap<>();
    for (R row : rows) {
      byWindow.computeIfAbsent(String.valueOf(windowOf.apply(row)), w -> new HashMap<>()).merge(row, 1, Integer::sum);
    }
    return byWindow;
  }

  /** Up to a few rows of {@code left} beyond their count in {@code right}, with how many more. */
  private List<String> minus(Map<R, Integer> left, Map<R, Integer> right) {
    List<String> rows = new ArrayList<>();
    int more = 0;
    for (Map.Entry<R, Integer> entry : left.entrySet()) {
      int extra = entry.getValue() - right.getOrDefault(entry.getKey(), 0);
      for (int i = 0; i < extra; i++) {
        if (rows.size() < ROWS_SHOWN) {
          rows.add(Objects.toString(entry.getKey()));
        } else {
          more++;
        }
      }
    }
    if (more > 0) {
      rows.add("... " + more + " more");
    }
    return rows;
  }
}
