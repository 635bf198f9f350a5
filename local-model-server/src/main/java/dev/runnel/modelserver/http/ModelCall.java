package dev.runnel.modelserver.http;

import dev.runnel.modelserver.Endpoint;
import java.util.List;
import java.util.Objects;

/**
 * A parsed request: what the log records and fault triggers look at, plus the endpoint's own payload.
 *
 * @param endpoint      the endpoint called
 * @param model         the model id asked for
 * @param prompts       the prompt texts (see {@link dev.runnel.modelserver.log.LoggedRequest#prompts})
 * @param inputCount    the number of inputs
 * @param receivedNanos {@link System#nanoTime()} when the request arrived
 * @param payload       the endpoint's parsed request
 * @param <P>           the payload's type
 */
public record ModelCall<P>(Endpoint endpoint, String model, List<String> prompts, int inputCount,
    long receivedNanos, P payload) {
  public ModelCall {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    prompts = List.copyOf(prompts);
  }

  /** The prompts joined by newlines: what {@code promptContains} fault triggers search. */
  public String promptText() {
    return String.join("\n", prompts);
  }
}
