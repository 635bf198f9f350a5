package dev.runnel.inference.calling;

import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.bedrock.BedrockClient;
import dev.runnel.inference.inprocess.InProcessEmbedder;
import dev.runnel.inference.openai.OpenAiClient;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the {@link ModelCaller} of a model and task, with the provider's client behind it. */
public final class ModelCallers {
  /** The clients of the model's provider: OpenAI-compatible, Bedrock or in-process. */
  public static final ModelClientFactory PROVIDERS = ModelCallers::client;

  private ModelCallers() {}

  /**
   * A caller of {@code model} for {@code task}.
   *
   * @param outputSchema chat and classify: the JSON schema of the answer (text); embed: null
   * @throws IllegalArgumentException when the provider cannot do the task, or the schema is missing or not JSON
   */
  public static ModelCaller create(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment) {
    return create(model, task, outputSchema, environment, PROVIDERS);
  }

  /** A caller of {@code model} for {@code task} whose requests go to the clients {@code clients} makes. */
  public static ModelCaller create(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment, ModelClientFactory clients) {
    if (task != InferenceTask.EMBED && (outputSchema == null || outputSchema.isBlank())) {
      throw new IllegalArgumentException("model " + model.name() + ": " + task + " needs an output schema");
    }
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("runnel-model-" + model.name()));
    try {
      ModelClient client = clients.create(model, task, outputSchema, environment, executor);
      PromptAsking asking = task == InferenceTask.EMBED
          ? new EmbeddingAsking(client, model.limits().batchSize())
          : new ChatAsking(client, model.limits().maxOutputTokens());
      return new ResilientModelCaller(model, client, asking, environment, executor);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
  }

  private static ModelClient client(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment, ExecutorService executor) {
    return switch (model.provider()) {
      case OPENAI_COMPATIBLE -> OpenAiClient.create(model, task, outputSchema, environment, executor);
      case BEDROCK -> BedrockClient.create(model, task, outputSchema, environment, executor);
      case IN_PROCESS -> InProcessEmbedder.create(model, task, executor);
    };
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
