package dev.runnel.inference.calling;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.Prompt;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How a task turns prompts into requests: which prompts share one request, and how one request is made. */
interface PromptAsking {
  /** The prompts split into groups, one request each, in order. */
  List<List<Prompt>> groups(List<Prompt> prompts);

  /** The tokens one request for {@code group} is expected to use, for the rate limit. */
  long tokens(List<Prompt> group);

  /** True when {@code prompt} cannot be asked at all (an empty text to embed); it fails without a request. */
  default boolean cannotAsk(Prompt prompt) {
    return false;
  }

  /** Why {@code prompt} cannot be asked, for the dead letters. */
  default String whyNot(Prompt prompt) {
    return "the prompt cannot be asked";
  }

  /** Makes one request for {@code group}: one answer per prompt, in order, each accepted by {@code check}. */
  CompletableFuture<List<Answer>> ask(List<Prompt> group, AnswerCheck check);
}
