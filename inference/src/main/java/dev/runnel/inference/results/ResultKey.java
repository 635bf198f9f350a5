package dev.runnel.inference.results;

import java.util.Objects;

/**
 * Where one answer is stored: {@code pk} = stage and the input record's identity, {@code sk} = operator, model,
 * model version and the hash of the prompt (docs/inference.md).
 */
public record ResultKey(String pk, String sk) {
  public ResultKey {
    Objects.requireNonNull(pk, "pk");
    Objects.requireNonNull(sk, "sk");
  }

  /** The key as one string, for maps and prompt keys: {@code pk + "\n" + sk}. */
  public String asString() {
    return pk + "\n" + sk;
  }

  /** Reads {@link #asString()}. */
  public static ResultKey parse(String value) {
    int cut = value.indexOf('\n');
    if (cut < 0) {
      throw new IllegalArgumentException("not a result key: " + value);
    }
    return new ResultKey(value.substring(0, cut), value.substring(cut + 1));
  }
}
