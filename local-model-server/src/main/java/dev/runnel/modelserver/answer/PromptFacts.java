package dev.runnel.modelserver.answer;

import java.util.List;
import java.util.Objects;

/**
 * What the rules make of a prompt, computed once per request.
 *
 * @param text       the prompt text the rules read (the user's messages)
 * @param words      its lower-case words
 * @param sentiment  the lexicon's judgement
 * @param topic      the keyword topic
 * @param moderation the listing-policy verdict
 */
public record PromptFacts(String text, List<String> words, Sentiment sentiment, Topic topic,
    ModerationVerdict moderation) {
  public PromptFacts {
    Objects.requireNonNull(text, "text");
    words = List.copyOf(words);
    Objects.requireNonNull(sentiment, "sentiment");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(moderation, "moderation");
  }

  /** Applies every rule to {@code text}. */
  public static PromptFacts of(String text) {
    List<String> words = Words.of(text);
    return new PromptFacts(text, words, SentimentLexicon.judge(words), Topic.of(words),
        ModerationRules.judge(text, words));
  }

  /** The first {@code n} words of the prompt, space-separated: the short derived string answers use. */
  public String summary(int n) {
    return String.join(" ", words.subList(0, Math.min(n, words.size())));
  }
}
