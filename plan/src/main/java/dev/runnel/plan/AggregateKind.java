package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The aggregations a window operator can run incrementally. */
public enum AggregateKind {
  /** Number of records (Long). */
  @JsonProperty("count") COUNT,
  /** Sum of a numeric field (Double). */
  @JsonProperty("sum") SUM,
  /** Smallest value of a numeric field (Double). */
  @JsonProperty("min") MIN,
  /** Largest value of a numeric field (Double). */
  @JsonProperty("max") MAX,
  /** Mean of a numeric field (Double). */
  @JsonProperty("average") AVERAGE,
  /** A user AggregateFunction. */
  @JsonProperty("function") FUNCTION
}
