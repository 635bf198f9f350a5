package dev.runnel.modelserver.answer;

import java.util.List;
import java.util.Set;

/**
 * Judges sentiment by counting words from two small lists: more positive words than negative ones is positive, more
 * negative ones is negative, anything else neutral. No negation, no weights: a rule, not a model.
 */
public final class SentimentLexicon {
  /** The positive words (exact, lower-case). */
  public static final Set<String> POSITIVE = Set.of("love", "loved", "loves", "lovely", "great", "amazing", "awesome",
      "good", "nice", "beautiful", "perfect", "happy", "best", "wow", "cute", "fast");
  /** The negative words (exact, lower-case). */
  public static final Set<String> NEGATIVE = Set.of("hate", "hated", "hates", "bad", "terrible", "awful", "broken",
      "slow", "worst", "scam", "fake", "expensive", "ugly", "disappointed", "disappointing", "refund");

  private SentimentLexicon() {
  }

  /** The sentiment of a text's words. */
  public static Sentiment judge(List<String> words) {
    long positive = words.stream().filter(POSITIVE::contains).count();
    long negative = words.stream().filter(NEGATIVE::contains).count();
    if (positive > negative) {
      return Sentiment.POSITIVE;
    }
    return negative > positive ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
  }

  /** How many lexicon words (either list) the text holds: the evidence behind a judgement. */
  public static long evidence(List<String> words) {
    return words.stream().filter(w -> POSITIVE.contains(w) || NEGATIVE.contains(w)).count();
  }
}
