package dev.runnel.api.model;

/** Where a model runs. */
public enum Provider {
  /** An endpoint speaking OpenAI's chat-completions and embeddings API: OpenAI, vLLM, Ollama, llama.cpp, … */
  OPENAI_COMPATIBLE,
  /** Amazon Bedrock, through its Converse API. */
  BEDROCK,
  /** An embedding model that runs inside the function ({@code all-minilm-l6-v2-q}): no network, no key. */
  IN_PROCESS
}
