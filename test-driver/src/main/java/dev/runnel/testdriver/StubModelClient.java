package dev.runnel.testdriver;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.ModelClient;
import dev.runnel.inference.calling.ModelReply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A model client answering from a test's {@link ModelStub}, at once, on the calling thread. */
final class StubModelClient implements ModelClient {
  private final String model;
  private final ModelStub stub;

  StubModelClient(String model, ModelStub stub) {
    this.model = model;
    this.stub = stub;
  }

  @Override
  public CompletableFuture<ModelReply> chat(String prompt) {
    Object answer;
    try {
      answer = stub.answer(prompt);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (answer == null) {
      return CompletableFuture.failedFuture(CallFailure.of(FailureKind.REJECTED,
          "the test's stub of model " + model + " has no answer for this prompt", null));
    }
    try {
      String text = answer instanceof String json ? json : RunnelJson.MAPPER.writeValueAsString(answer);
      return CompletableFuture.completedFuture(new ModelReply(text, 0, 0));
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("the test's stub of model " + model
          + " answered with an object that cannot be written as JSON", e));
    }
  }

  @Override
  public CompletableFuture<EmbeddingsReply> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      float[] vector;
      try {
        vector = stub.vector(text);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      if (vector == null) {
        return CompletableFuture.failedFuture(CallFailure.of(FailureKind.REJECTED,
            "the test's stub of model " + model + " has no vector for a text", null));
      }
      vectors.add(vector);
    }
    return CompletableFuture.completedFuture(new EmbeddingsReply(vectors, 0));
  }

  @Override
  public void close() {}
}
