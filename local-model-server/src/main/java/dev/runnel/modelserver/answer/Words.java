package dev.runnel.modelserver.answer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits text into lower-case words; the rules, the embedder and token counts all see text through it. */
public final class Words {
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");

  private Words() {
  }

  /** The lower-case words of {@code text}, in order, without punctuation. */
  public static List<String> of(String text) {
    return Arrays.stream(SEPARATORS.split(text.toLowerCase(Locale.ROOT)))
        .map(w -> w.replaceAll("^'+|'+$", ""))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** An approximate token count: the number of words, at least {@code minimum}. */
  public static int tokens(String text, int minimum) {
    return Math.max(minimum, of(text).size());
  }
}
