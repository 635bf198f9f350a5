package dev.runnel.inference.calling;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Embeddings: up to {@code batchSize} texts per request; the answer check does not apply. */
final class EmbeddingAsking implements PromptAsking {
  private final ModelClient client;
  private final int batchSize;

  EmbeddingAsking(ModelClient client, int batchSize) {
    this.client = client;
    this.batchSize = batchSize;
  }

  @Override
  public List<List<Prompt>> groups(List<Prompt> prompts) {
    List<List<Prompt>> groups = new ArrayList<>();
    for (int from = 0; from < prompts.size(); from += batchSize) {
      groups.add(List.copyOf(prompts.subList(from, Math.min(prompts.size(), from + batchSize))));
    }
    return groups;
  }

  @Override
  public boolean cannotAsk(Prompt prompt) {
    return prompt.text().isBlank();
  }

  @Override
  public String whyNot(Prompt prompt) {
    return "the text to embed is empty";
  }

  @Override
  public long tokens(List<Prompt> group) {
    return group.stream().mapToLong(Prompt::estimatedTokens).sum();
  }

  @Override
  public CompletableFuture<List<Answer>> ask(List<Prompt> group, AnswerCheck check) {
    List<String> texts = group.stream().map(Prompt::text).toList();
    CompletableFuture<EmbeddingsReply> sent = client.embed(texts);
    return CancelPropagation.upstream(sent, sent.thenApply(reply -> answers(group, reply)));
  }

  /** One answer per prompt; the request's tokens are shared out by the prompts' estimated sizes. */
  private static List<Answer> answers(List<Prompt> group, EmbeddingsReply reply) {
    if (reply.vectors().size() != group.size()) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE,
          reply.vectors().size() + " embeddings for " + group.size() + " texts", null);
    }
    long estimated = group.stream().mapToLong(Prompt::estimatedTokens).sum();
    List<Answer> answers = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      float[] vector = reply.vectors().get(i);
      if (vector == null || vector.length == 0) {
        throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "empty embedding at index " + i, null);
      }
      int tokens = (int) (reply.inputTokens() * group.get(i).estimatedTokens() / estimated);
      answers.add(Answer.vector(vector, tokens));
    }
    return answers;
  }
}
