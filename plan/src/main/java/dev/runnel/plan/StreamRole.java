package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a stream is part of a job. */
public enum StreamRole {
  /** Written by producers outside the job; read by the first stage. */
  @JsonProperty("source") SOURCE,
  /** Written by one stage, keyed, and read by the next: the cut between stages. */
  @JsonProperty("repartition") REPARTITION,
  /** Written by the job for readers outside it. */
  @JsonProperty("sink") SINK
}
