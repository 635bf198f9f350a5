package dev.runnel.inference.openai;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.TestModels;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelProvider;
import java.util.List;

/**
 * Warms the HTTP client and the server up (the first request in a JVM takes a moment of class
 * loading), so that tests with short timeouts measure retries, not the JVM starting; the log is reset afterwards.
 */
final class WarmUp {
  private WarmUp() {}

  /** One chat and one embeddings request with a long timeout. */
  static void openAi(LocalModelServer server) {
    for (InferenceTask task : List.of(InferenceTask.CLASSIFY, InferenceTask.EMBED)) {
      try (ModelCaller caller = ModelCallers.create(
          TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(), null,
              TestModels.limits(1, 30_000, 0, 16)),
          task, task == InferenceTask.EMBED ? null : TestModels.SENTIMENT_SCHEMA,
          TestModels.environment(RateLimiter.NONE, reference -> "unused", new InferenceCounters()))) {
        caller.callAll(List.of(new Prompt("warm-up", "warm up")), AnswerCheck.ANY, result -> {});
      }
    }
    server.log().reset();
  }
}
