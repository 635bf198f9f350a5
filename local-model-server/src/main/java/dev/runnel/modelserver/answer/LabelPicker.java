package dev.runnel.modelserver.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks one of a schema's {@code enum} values by the rules, matching case-insensitively (so POSITIVE, positive and
 * Positive all serve): sentiment for sentiment-like properties or labels, topic for topic properties, the moderation
 * verdict for allowed/violation-style labels; otherwise the first label the prompt mentions, else the first label.
 */
public final class LabelPicker {
  private static final List<String> VIOLATING_MARKS = List.of("non", "not", "dis", "violat", "unsafe", "block",
      "flag", "reject", "prohibit", "deny", "denied", "fail", "bad");
  private static final List<String> PASSING_MARKS = List.of("allow", "compli", "safe", "approv", "ok", "pass",
      "accept", "valid", "clean");

  private LabelPicker() {
  }

  /** The value for a property named {@code name} whose schema offers {@code values}. */
  public static JsonNode pick(String name, List<JsonNode> values, PromptFacts facts) {
    String property = name.toLowerCase(Locale.ROOT);
    if (property.contains("sentiment")) {
      return sentiment(values, facts.sentiment()).orElseGet(() -> label(values, facts));
    }
    if (property.contains("topic")) {
      return topic(values, facts.topic()).orElseGet(() -> label(values, facts));
    }
    return label(values, facts);
  }

  /** The value for a classification label: by sentiment, by moderation, by mention, or the first. */
  public static JsonNode label(List<JsonNode> values, PromptFacts facts) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an enum with no values");
    }
    if (values.stream().anyMatch(v -> sentimentOf(text(v)).isPresent())) {
      Optional<JsonNode> bySentiment = sentiment(values, facts.sentiment());
      if (bySentiment.isPresent()) {
        return bySentiment.get();
      }
    }
    if (values.stream().anyMatch(v -> isVerdictLabel(text(v)))) {
      Optional<JsonNode> byVerdict = moderation(values, facts.moderation().violates());
      if (byVerdict.isPresent()) {
        return byVerdict.get();
      }
    }
    String prompt = " " + String.join(" ", facts.words()) + " ";
    return values.stream()
        .filter(v -> !text(v).isBlank() && prompt.contains(" " + text(v).replace('_', ' ') + " "))
        .findFirst()
        .orElse(values.get(0));
  }

  private static Optional<JsonNode> sentiment(List<JsonNode> values, Sentiment sentiment) {
    Optional<JsonNode> exact = first(values, v -> sentimentOf(text(v)).filter(sentiment::equals).isPresent());
    if (exact.isPresent() || sentiment != Sentiment.NEUTRAL) {
      return exact;
    }
    return first(values, v -> List.of("mixed", "none", "other", "unknown").contains(text(v)));
  }

  private static Optional<Sentiment> sentimentOf(String label) {
    for (Sentiment s : Sentiment.values()) {
      if (label.equals(s.label()) || label.startsWith(s.label().substring(0, 3))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> topic(List<JsonNode> values, Topic topic) {
    Optional<JsonNode> match = first(values, v -> text(v).equals(topic.label()));
    if (match.isEmpty()) {
      match = first(values, v -> text(v).contains(topic.label()));
    }
    return match.isPresent() ? match : first(values, v -> text(v).equals("other"));
  }

  private static Optional<JsonNode> moderation(List<JsonNode> values, boolean violates) {
    return first(values, v -> isVerdictLabel(text(v)) && violating(text(v)) == violates);
  }

  private static boolean isVerdictLabel(String label) {
    return violating(label) || PASSING_MARKS.stream().anyMatch(label::contains);
  }

  private static boolean violating(String label) {
    return VIOLATING_MARKS.stream().anyMatch(label::startsWith)
        || VIOLATING_MARKS.stream().filter(m -> m.length() > 3).anyMatch(label::contains);
  }

  private static Optional<JsonNode> first(List<JsonNode> values, Predicate<JsonNode> test) {
    return values.stream().filter(test).findFirst();
  }

  private static String text(JsonNode value) {
    return value.asText().toLowerCase(Locale.ROOT).trim();
  }
}
