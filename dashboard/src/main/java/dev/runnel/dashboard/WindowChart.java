package dev.runnel.dashboard;

import java.util.List;
import java.util.Map;

/**
 * A windowed sink as time series: for each key (the stage's key field, e.g. a live stream's id), each number field of
 * its records per window.
 *
 * @param sink      the sink charted
 * @param keyField  the field the series are split by, or null for one series
 * @param timeField the field holding the window's time
 * @param fields    the number fields charted, in record order
 * @param series    one series per key, keys in text order
 */
public record WindowChart(String sink, String keyField, String timeField, List<String> fields,
    List<Series> series) {
  public WindowChart {
    fields = List.copyOf(fields);
    series = List.copyOf(series);
  }

  /**
   * One key's windows in time order.
   *
   * @param key    the key's value
   * @param times  each window's time, as its records give it
   * @param values each field's values, one per time
   */
  public record Series(String key, List<String> times, Map<String, List<Double>> values) {
    public Series {
      times = List.copyOf(times);
      values = Map.copyOf(values);
    }
  }
}
