package dev.runnel.modelserver.answer;

import java.util.List;
import java.util.Locale;

/**
 * The listing policy for product titles, as keyword rules checked in order: medical claims ("cure", "cures",
 * "heals", "treats cancer", "miracle"), counterfeits ("replica", "fake", "knockoff", "1:1"), weapons ("gun", "ammo",
 * or "knife" with "combat") and prohibited substances ("cbd", "vape").
 */
public final class ModerationRules {
  private ModerationRules() {
  }

  /** The verdict on a text, given its words. */
  public static ModerationVerdict judge(String text, List<String> words) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String term : List.of("cure", "cures", "cured", "heals", "miracle")) {
      if (words.contains(term)) {
        return new ModerationVerdict(true, "medical claim", term);
      }
    }
    if (lower.contains("treats cancer")) {
      return new ModerationVerdict(true, "medical claim", "treats cancer");
    }
    for (String term : List.of("replica", "fake", "knockoff")) {
      if (words.contains(term)) {
        return new ModerationVerdict(true, "counterfeit", term);
      }
    }
    if (lower.contains("1:1")) {
      return new ModerationVerdict(true, "counterfeit", "1:1");
    }
    for (String term : List.of("gun", "guns", "ammo")) {
      if (words.contains(term)) {
        return new ModerationVerdict(true, "weapon", term);
      }
    }
    if (words.contains("knife") && words.contains("combat")) {
      return new ModerationVerdict(true, "weapon", "combat knife");
    }
    for (String term : List.of("cbd", "vape", "vapes")) {
      if (words.contains(term)) {
        return new ModerationVerdict(true, "prohibited substance", term);
      }
    }
    return ModerationVerdict.COMPLIANT;
  }
}
