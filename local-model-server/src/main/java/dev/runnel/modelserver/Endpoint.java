package dev.runnel.modelserver;

/** The kinds of request the server answers; fault rules and the request log are keyed by them. */
public enum Endpoint {
  /** OpenAI {@code POST /v1/chat/completions}. */
  CHAT,
  /** OpenAI {@code POST /v1/embeddings}. */
  EMBEDDINGS,
  /** Bedrock {@code POST /model/{modelId}/converse}. */
  CONVERSE,
  /** OpenAI {@code GET /v1/models}. */
  MODELS,
  /** Any other path; answered 404. */
  UNKNOWN;

  /** Whether this endpoint calls the model (chat, embeddings, converse), the ones fault rules apply to by default. */
  public boolean callsModel() {
    return this == CHAT || this == EMBEDDINGS || this == CONVERSE;
  }
}
