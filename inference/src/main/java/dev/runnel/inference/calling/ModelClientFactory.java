package dev.runnel.inference.calling;

import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.util.concurrent.ExecutorService;

/**
 * Makes the client that sends one model's requests: the provider's ({@link ModelCallers#PROVIDERS}), or a stand-in
 * such as a test's stub, behind the same retries, answer checks and memoization.
 */
@FunctionalInterface
public interface ModelClientFactory {
  /**
   * The client of {@code model} for {@code task}.
   *
   * @param outputSchema chat and classify: the JSON schema of the answer; embed: null
   * @param executor     threads the client may complete its futures on
   */
  ModelClient create(ModelSpec model, InferenceTask task, String outputSchema, ModelEnvironment environment,
      ExecutorService executor);
}
