package dev.runnel.modelserver.answer;

import java.util.Objects;

/**
 * Whether a product title breaks the listing policy, and why.
 *
 * @param violates whether it breaks the policy
 * @param category the broken rule ({@code medical claim}, {@code counterfeit}, {@code weapon},
 *                 {@code prohibited substance}), empty when it does not
 * @param term     the words that broke it, empty when it does not
 */
public record ModerationVerdict(boolean violates, String category, String term) {
  /** The verdict for a compliant title. */
  public static final ModerationVerdict COMPLIANT = new ModerationVerdict(false, "", "");

  public ModerationVerdict {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(term, "term");
  }

  /** A readable reason: {@code medical claim: 'cures'}, or {@code no policy violation found}. */
  public String reason() {
    return violates ? category + ": '" + term + "'" : "no policy violation found";
  }
}
