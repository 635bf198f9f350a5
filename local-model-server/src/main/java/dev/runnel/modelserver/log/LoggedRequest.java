package dev.runnel.modelserver.log;

import dev.runnel.modelserver.Endpoint;
import java.util.List;
import java.util.Objects;

/**
 * One request as the server saw it.
 *
 * @param receivedNanos  {@link System#nanoTime()} when it arrived
 * @param receivedMillis epoch milliseconds when it arrived
 * @param finishedNanos  {@link System#nanoTime()} when it was answered
 * @param endpoint       which API it called
 * @param model          the model id asked for, empty when none
 * @param prompts        the prompt texts: for chat and converse one, every message's text in order (system first)
 *                       joined by newlines; for embeddings one per input; empty when the body did not parse
 * @param promptSha256   the SHA-256 of each prompt, aligned with {@code prompts}
 * @param status         the HTTP status returned, 0 when the connection was closed without an answer
 * @param inputCount     the number of inputs (embeddings; 1 for chat and converse)
 */
public record LoggedRequest(long receivedNanos, long receivedMillis, long finishedNanos, Endpoint endpoint,
    String model, List<String> prompts, List<String> promptSha256, int status, int inputCount) {
  public LoggedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    prompts = List.copyOf(prompts);
    promptSha256 = List.copyOf(promptSha256);
    if (prompts.size() != promptSha256.size()) {
      throw new IllegalArgumentException("one digest per prompt");
    }
  }

  /** Whether it was answered with 200. */
  public boolean succeeded() {
    return status == 200;
  }

  /** The prompts joined by newlines: handy for {@code contains} checks. */
  public String promptText() {
    return String.join("\n", prompts);
  }
}
