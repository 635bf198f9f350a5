package dev.runnel.inference;

import java.util.List;
import java.util.function.Consumer;

/**
 * Obtains a model's answers for prompts: concurrently up to the model's limit, through the shared rate limit, with
 * timeouts, retries (exponential backoff with jitter, honouring Retry-After on 429 and 503) and a circuit breaker;
 * embeddings are sent in batches. One caller serves one model and task in one function instance.
 */
public interface ModelCaller extends AutoCloseable {
  /**
   * Asks for every prompt and reports each final result to {@code onResult} as soon as it is known (from any
   * thread, one call at a time). A prompt that fails after its retries is reported as {@link ModelResult#failed}.
   * Returns when every prompt has a result.
   *
   * @throws ModelUnavailableException when the circuit opens or is open; prompts not yet answered are not reported
   * @throws RuntimeException           when a request failed in a way no provider classified (a bug, an error of the
   *                                    JVM): it says nothing about the prompts, so none is reported as failed
   */
  void callAll(List<Prompt> prompts, AnswerCheck check, Consumer<PromptResult> onResult);

  @Override
  void close();

  /** A prompt's key and its final result. */
  record PromptResult(String key, ModelResult result) {}
}
