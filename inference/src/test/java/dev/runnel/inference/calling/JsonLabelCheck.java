package dev.runnel.inference.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InvalidAnswerException;
import java.util.Set;

/** Accepts a JSON object whose {@code label} is one of a set: a stand-in for the stage's schema check. */
public final class JsonLabelCheck implements AnswerCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Set<String> labels;

  /** A check allowing {@code labels}. */
  public JsonLabelCheck(Set<String> labels) {
    this.labels = Set.copyOf(labels);
  }

  /** The sentiment labels of {@link TestModels#SENTIMENT_SCHEMA}. */
  public static JsonLabelCheck sentiment() {
    return new JsonLabelCheck(Set.of("positive", "negative", "neutral"));
  }

  @Override
  public void check(String answer) throws InvalidAnswerException {
    JsonNode root;
    try {
      root = JSON.readTree(answer);
    } catch (Exception e) {
      throw new InvalidAnswerException("the answer is not JSON", e);
    }
    if (root == null || !root.isObject() || !root.path("label").isTextual()) {
      throw new InvalidAnswerException("the answer has no string 'label'", null);
    }
    if (!labels.contains(root.get("label").asText())) {
      throw new InvalidAnswerException("label '" + root.get("label").asText() + "' is not one of " + labels, null);
    }
  }
}
