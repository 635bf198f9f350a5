package dev.runnel.modelserver.answer;

import java.util.List;

/**
 * The server's "brain": answers chat requests and embeds texts. Implementations must be thread-safe and should be
 * deterministic, so that tests can assert on answers. The default is {@link RuleResponder}.
 */
public interface Responder {
  /** Answers a chat request: plain text, or JSON fitting the request's {@link OutputFormat}. */
  ChatAnswer chat(ChatRequest request);

  /** One vector of {@code dimensions} floats per input text, in order. */
  List<float[]> embed(List<String> inputs, int dimensions);
}
