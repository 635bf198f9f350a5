package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an inference operator asks its model for. */
public enum InferenceTask {
  /** A chat completion whose answer is JSON matching the operator's output schema, parsed into a record. */
  @JsonProperty("chat") CHAT,
  /** A chat completion that picks exactly one label of a fixed set. */
  @JsonProperty("classify") CLASSIFY,
  /** An embedding vector of the prompt text. */
  @JsonProperty("embed") EMBED
}
