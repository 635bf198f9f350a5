package dev.runnel.inference.secrets;

/** Takes the name out of a secret reference: what follows its prefix ({@code env:}, {@code ssm:}...). */
final class SecretName {
  private SecretName() {}

  /**
   * The name in {@code reference} after {@code prefix}.
   *
   * @throws IllegalArgumentException when it has no name, or another prefix (not repeated in the message: a string
   *     without a known prefix may be a secret pasted where its reference belongs)
   */
  static String after(String prefix, String reference) {
    if (reference == null || !reference.startsWith(prefix)) {
      throw new IllegalArgumentException("not a secret reference of the form " + prefix + "<name> (a string of "
          + (reference == null ? 0 : reference.length()) + " characters)");
    }
    if (reference.length() == prefix.length()) {
      throw new IllegalArgumentException("secret reference " + reference + " has no name");
    }
    return reference.substring(prefix.length());
  }
}
