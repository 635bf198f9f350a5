package dev.runnel.modelserver.answer;

import java.util.Locale;

/** A text's sentiment as the lexicon judges it. */
public enum Sentiment {
  POSITIVE, NEGATIVE, NEUTRAL;

  /** The lower-case name: {@code positive}, {@code negative} or {@code neutral}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
