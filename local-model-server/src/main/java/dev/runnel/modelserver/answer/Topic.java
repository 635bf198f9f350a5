package dev.runnel.modelserver.answer;

import java.util.List;
import java.util.Locale;

/**
 * What a comment is about, from keyword stems: a word starting with one of a topic's stems counts for it, and the
 * topic with most counts wins (ties go to the earlier topic); {@link #OTHER} when nothing matches.
 */
public enum Topic {
  PRICE(List.of("price", "cost", "expensive", "cheap", "discount")),
  SHIPPING(List.of("ship", "deliver", "arriv")),
  PRODUCT(List.of("size", "fit", "color", "colour", "quality", "material")),
  STREAM(List.of("host", "stream", "live", "music")),
  OTHER(List.of());

  private final List<String> stems;

  Topic(List<String> stems) {
    this.stems = stems;
  }

  /** The lower-case name: {@code price}, {@code shipping}, {@code product}, {@code stream} or {@code other}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The topic of a text's words. */
  public static Topic of(List<String> words) {
    Topic best = OTHER;
    long bestHits = 0;
    for (Topic topic : values()) {
      long hits = words.stream().filter(w -> topic.stems.stream().anyMatch(w::startsWith)).count();
      if (hits > bestHits) {
        best = topic;
        bestHits = hits;
      }
    }
    return best;
  }
}
