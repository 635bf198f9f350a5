package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a model runs. */
public enum ModelProvider {
  /** An HTTP endpoint speaking OpenAI's chat-completions and embeddings API (OpenAI, vLLM, Ollama, llama.cpp). */
  @JsonProperty("openai-compatible") OPENAI_COMPATIBLE,
  /** Amazon Bedrock's Converse API, through the AWS SDK. */
  @JsonProperty("bedrock") BEDROCK,
  /** An embedding model run inside the function, shipped in a jar; needs no network and no key. */
  @JsonProperty("in-process") IN_PROCESS
}
