package dev.runnel.inference.calling;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request to one model, without retries: a provider's client configured for a model and task. Futures
 * fail with a {@link CallFailure} that classifies the error.
 */
public interface ModelClient extends AutoCloseable {
  /** Asks the model for a structured (JSON) answer to {@code prompt}, the user message. */
  CompletableFuture<ModelReply> chat(String prompt);

  /** Embeds {@code texts} in one request. */
  CompletableFuture<EmbeddingsReply> embed(List<String> texts);

  /** Releases connections and threads. */
  @Override
  void close();
}
