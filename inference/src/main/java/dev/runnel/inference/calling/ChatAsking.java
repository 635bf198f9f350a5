package dev.runnel.inference.calling;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InvalidAnswerException;
import dev.runnel.inference.Prompt;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Chat and classify: one request per prompt, whose answer must pass the check. */
final class ChatAsking implements PromptAsking {
  private final ModelClient client;
  private final int maxOutputTokens;

  ChatAsking(ModelClient client, int maxOutputTokens) {
    this.client = client;
    this.maxOutputTokens = maxOutputTokens;
  }

  @Override
  public List<List<Prompt>> groups(List<Prompt> prompts) {
    return prompts.stream().map(List::of).toList();
  }

  @Override
  public long tokens(List<Prompt> group) {
    return group.get(0).estimatedTokens() + maxOutputTokens;
  }

  @Override
  public CompletableFuture<List<Answer>> ask(List<Prompt> group, AnswerCheck check) {
    CompletableFuture<ModelReply> sent = client.chat(group.get(0).text());
    return CancelPropagation.upstream(sent, sent.thenApply(reply -> {
      try {
        check.check(reply.text());
      } catch (InvalidAnswerException e) {
        throw CallFailure.of(FailureKind.INVALID_ANSWER, e.getMessage(), e);
      }
      return List.of(Answer.text(reply));
    }));
  }
}
