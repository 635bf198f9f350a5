package dev.runnel.modelserver.answer;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A chat request, whichever API it came through.
 *
 * @param model     the model id the client asked for (any id is accepted)
 * @param messages  the conversation in order, system messages first
 * @param format    the shape the answer must take
 * @param maxTokens the client's token limit, or null
 */
public record ChatRequest(String model, List<ChatMessage> messages, OutputFormat format, Integer maxTokens) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    Objects.requireNonNull(format, "format");
  }

  /** The text of the user's messages, joined by newlines; all messages' text when there is no user message. */
  public String userText() {
    List<ChatMessage> user = messages.stream().filter(ChatMessage::fromUser).toList();
    return join(user.isEmpty() ? messages : user);
  }

  /** The text of every message, in order, joined by newlines. */
  public String allText() {
    return join(messages);
  }

  private static String join(List<ChatMessage> list) {
    return list.stream().map(ChatMessage::text).collect(Collectors.joining("\n"));
  }
}
