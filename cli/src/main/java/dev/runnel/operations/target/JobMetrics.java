package dev.runnel.operations.target;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the {@code Runnel} metrics the stage functions publish can be summed, per stage: CloudWatch on AWS. */
public interface JobMetrics {
  /**
   * The sum of metric {@code name} per stage of the job since the job was deployed (stages without data absent).
   *
   * @throws RuntimeException when the metrics cannot be read (the caller says so instead of printing zeros)
   */
  Map<String, Double> sumPerStage(String name);

  /**
   * The sums of several metrics per stage, by metric name (a metric without data maps to an empty map); by default
   * one {@link #sumPerStage} per name.
   *
   * @throws RuntimeException when the metrics cannot be read
   */
  default Map<String, Map<String, Double>> sumsPerStage(Collection<String> names) {
    Map<String, Map<String, Double>> sums = new LinkedHashMap<>();
    for (String name : names) {
      sums.put(name, sumPerStage(name));
    }
    return sums;
  }

  /** Since when the sums count, in words (for example "since 2026-12-07T09:12:00Z, the stack's creation"). */
  String period();
}
