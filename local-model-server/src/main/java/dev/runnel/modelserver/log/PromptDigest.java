package dev.runnel.modelserver.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a prompt's text, in lower-case hex: how the log tells prompts apart. */
public final class PromptDigest {
  private PromptDigest() {
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, hex-encoded. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
