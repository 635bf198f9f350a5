package dev.runnel.modelserver.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A chat answer: its text, and the JSON it holds when the request asked for JSON.
 *
 * @param text the assistant message's content
 * @param json the answer as JSON (what a forced Bedrock tool returns as its input), or null for plain text or when
 *             the text is not valid JSON
 */
public record ChatAnswer(String text, JsonNode json) {
  public ChatAnswer {
    Objects.requireNonNull(text, "text");
  }

  /** A plain-text answer. */
  public static ChatAnswer text(String text) {
    return new ChatAnswer(text, null);
  }

  /** A JSON answer; its text is the compact JSON. */
  public static ChatAnswer json(JsonNode json) {
    return new ChatAnswer(json.toString(), json);
  }
}
