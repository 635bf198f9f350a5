package dev.runnel.functions.inference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.api.model.Embedding;
import dev.runnel.api.model.Label;
import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InvalidAnswerException;
import dev.runnel.inference.ModelResult;
import dev.runnel.plan.InferenceTask;
import java.util.List;
import java.util.Locale;

/**
 * Turns a stored answer into what the operator method takes: a chat answer's JSON into its record (strictly: every
 * field present, no others, right types), a classification into one of the declared {@link Label}s, a vector into an
 * {@link Embedding}. The same check runs on each answer before it is accepted, so a mismatch is retried.
 */
public final class AnswerDecoder implements AnswerCheck {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final InferenceTask task;
  private final Class<?> answerType;
  private final List<String> labels;

  /** A decoder for answers of {@code task} into {@code answerType}; {@code labels} for classification. */
  public AnswerDecoder(InferenceTask task, Class<?> answerType, List<String> labels) {
    this.task = task;
    this.answerType = answerType;
    this.labels = List.copyOf(labels);
  }

  /** The operator's answer argument for a successful result. */
  public Object decode(ModelResult result) throws InvalidAnswerException {
    return switch (task) {
      case EMBED -> {
        if (result.vector() == null) {
          throw new InvalidAnswerException("the stored result has no embedding vector", null);
        }
        yield new Embedding(result.vector());
      }
      case CLASSIFY -> new Label(label(result.answer()));
      case CHAT -> parse(result.answer());
    };
  }

  @Override
  public void check(String answer) throws InvalidAnswerException {
    if (task == InferenceTask.CLASSIFY) {
      label(answer);
    } else if (task == InferenceTask.CHAT) {
      parse(answer);
    }
  }

  private Object parse(String answer) throws InvalidAnswerException {
    if (answer == null) {
      throw new InvalidAnswerException("the model gave no answer text", null);
    }
    try {
      return STRICT.readValue(answer, answerType);
    } catch (java.io.IOException e) {
      String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? json.getOriginalMessage() : e.getMessage();
      throw new InvalidAnswerException("the answer does not match " + answerType.getSimpleName() + ": "
          + firstLine(detail), null);
    }
  }

  /** The declared label the answer names: JSON {"label": "..."} or the bare label, case-insensitively. */
  private String label(String answer) throws InvalidAnswerException {
    if (answer == null) {
      throw new InvalidAnswerException("the model gave no answer text", null);
    }
    String said = answer.trim();
    try {
      JsonNode node = STRICT.readTree(said);
      if (node != null && node.isObject()) {
        JsonNode label = node.get("label");
        if (label == null || !label.isTextual()) {
          throw new InvalidAnswerException("the answer has no text field 'label'", null);
        }
        said = label.asText().trim();
      } else if (node != null && node.isTextual()) {
        said = node.asText().trim();
      }
    } catch (java.io.IOException notJson) {
      // a bare label
    }
    for (String label : labels) {
      if (label.toLowerCase(Locale.ROOT).equals(said.toLowerCase(Locale.ROOT))) {
        return label;
      }
    }
    throw new InvalidAnswerException("the answer '" + abbreviated(said) + "' is none of the labels " + labels, null);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed JSON";
    }
    int cut = text.indexOf('\n');
    return cut < 0 ? text : text.substring(0, cut);
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
