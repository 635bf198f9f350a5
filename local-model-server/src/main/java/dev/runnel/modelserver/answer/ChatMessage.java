package dev.runnel.modelserver.answer;

import java.util.Objects;

/**
 * One message of a conversation, whichever API it came through.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param text the message's text (text parts joined)
 */
public record ChatMessage(String role, String text) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  /** Whether the user wrote this message. */
  public boolean fromUser() {
    return "user".equals(role);
  }
}
