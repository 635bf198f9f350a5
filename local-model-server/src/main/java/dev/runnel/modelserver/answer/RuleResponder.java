package dev.runnel.modelserver.answer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The default {@link Responder}: deterministic rules, not a language model. Rules read the user's messages
 * ({@link PromptFacts}); JSON-schema requests get JSON built by {@link SchemaFiller}, JSON-object requests a fixed
 * set of facts, and plain requests a short text: the sentiment, topic or moderation verdict when the conversation
 * asks for one, else a summary made of the prompt's first words. Embeddings come from {@link HashingEmbedder}.
 */
public final class RuleResponder implements Responder {
  /** Creates the rule-based responder; it holds no state. */
  public RuleResponder() {
  }

  @Override
  public ChatAnswer chat(ChatRequest request) {
    PromptFacts facts = PromptFacts.of(request.userText());
    return switch (request.format().kind()) {
      case JSON_SCHEMA -> ChatAnswer.json(SchemaFiller.fill(request.format().schema(), facts));
      case JSON_OBJECT -> ChatAnswer.json(facts(facts));
      case TEXT -> ChatAnswer.text(limit(plain(request.allText(), facts), request.maxTokens()));
    };
  }

  @Override
  public List<float[]> embed(List<String> inputs, int dimensions) {
    return inputs.stream().map(text -> HashingEmbedder.embed(text, dimensions)).toList();
  }

  private static ObjectNode facts(PromptFacts facts) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("sentiment", facts.sentiment().label());
    out.put("topic", facts.topic().label());
    out.put("compliant", !facts.moderation().violates());
    out.put("reason", facts.moderation().reason());
    out.put("summary", facts.summary(12));
    return out;
  }

  private static String plain(String conversation, PromptFacts facts) {
    String asked = conversation.toLowerCase(Locale.ROOT);
    if (asked.contains("sentiment")) {
      return facts.sentiment().label();
    }
    if (asked.contains("topic")) {
      return facts.topic().label();
    }
    if (asked.contains("moderat") || asked.contains("policy") || asked.contains("compliant")) {
      return facts.moderation().violates() ? "violation: " + facts.moderation().reason() : "compliant";
    }
    return "Summary: " + facts.summary(12);
  }

  private static String limit(String text, Integer maxTokens) {
    if (maxTokens == null || maxTokens < 1) {
      return text;
    }
    String[] words = text.split(" ");
    return words.length <= maxTokens ? text : String.join(" ", List.of(words).subList(0, maxTokens));
  }
}
