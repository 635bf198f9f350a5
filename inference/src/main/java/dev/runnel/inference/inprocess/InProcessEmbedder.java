package dev.runnel.inference.inprocess;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.ModelClient;
import dev.runnel.inference.calling.ModelReply;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An embedding model run inside the function (ONNX Runtime through langchain4j): no network, no key. Supports
 * {@value MiniLmModel#ID} ({@value MiniLmModel#DIMENSIONS} dimensions).
 */
public final class InProcessEmbedder implements ModelClient {
  private final String modelName;
  private final EmbeddingModel embeddings;
  private final Executor executor;

  private InProcessEmbedder(String modelName, EmbeddingModel embeddings, Executor executor) {
    this.modelName = modelName;
    this.embeddings = embeddings;
    this.executor = executor;
  }

  /**
   * The in-process model of {@code model}, loaded now if this JVM has not loaded it yet; batches are embedded on
   * {@code executor}.
   *
   * @throws IllegalArgumentException when the task is not EMBED or the model id is not a supported one
   */
  public static InProcessEmbedder create(ModelSpec model, InferenceTask task, Executor executor) {
    if (task != InferenceTask.EMBED) {
      throw new IllegalArgumentException("model " + model.name() + ": in-process models only embed, not " + task);
    }
    if (!MiniLmModel.ID.equals(model.modelId())) {
      throw new IllegalArgumentException("model " + model.name() + ": unknown in-process model '" + model.modelId()
          + "'; the supported one is '" + MiniLmModel.ID + "'");
    }
    return new InProcessEmbedder(model.name(), MiniLmModel.get(), executor);
  }

  /** Not supported: in-process models only embed. */
  @Override
  public CompletableFuture<ModelReply> chat(String prompt) {
    throw new UnsupportedOperationException("model " + modelName + " only embeds");
  }

  @Override
  public CompletableFuture<EmbeddingsReply> embed(List<String> texts) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Response<List<Embedding>> response = embeddings.embedAll(texts.stream().map(TextSegment::from).toList());
        List<float[]> vectors = response.content().stream().map(Embedding::vector).toList();
        int tokens = response.tokenUsage() == null || response.tokenUsage().inputTokenCount() == null ? 0
            : response.tokenUsage().inputTokenCount();
        return new EmbeddingsReply(vectors, tokens);
      } catch (RuntimeException e) {
        throw CallFailure.of(FailureKind.REJECTED, "in-process model " + MiniLmModel.ID + " failed: " + e, e);
      }
    }, executor);
  }

  /** Nothing to release: the model stays loaded for the JVM's other callers. */
  @Override
  public void close() {}
}
