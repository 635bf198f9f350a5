package dev.runnel.inference.openai;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.CancelPropagation;
import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.ModelClient;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.calling.ModelReply;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A model behind an OpenAI-compatible HTTP API, through the official SDK (asynchronous, its own retries off):
 * chat completions with a strict JSON-schema response format, and embeddings as float vectors.
 */
public final class OpenAiClient implements ModelClient {
  /** Where OpenAI itself is. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /** The key sent to servers that need none (the SDK insists on one). */
  static final String NO_KEY = "none";

  private final OpenAIClientAsync client;
  private final ModelSpec model;
  private final ResponseFormatJsonSchema format;
  private final OpenAiFailures failures;

  private OpenAiClient(OpenAIClientAsync client, ModelSpec model, ResponseFormatJsonSchema format,
      OpenAiFailures failures) {
    this.client = client;
    this.model = model;
    this.format = format;
    this.failures = failures;
  }

  /**
   * The client of {@code model} for {@code task}: base URL from the environment's override, else the model's
   * endpoint, else OpenAI's; the API key resolved from the model's reference; one attempt per request, of at most
   * {@code limits.timeoutMillis}.
   *
   * @param outputSchema chat and classify: the answer's JSON schema; embed: ignored
   */
  public static OpenAiClient create(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment) {
    ResponseFormatJsonSchema format = task == InferenceTask.EMBED ? null : StructuredOutput.of(outputSchema);
    String key = model.apiKey() == null ? null : environment.secrets().resolve(model.apiKey());
    OpenAIClientAsync client = OpenAIOkHttpClientAsync.builder()
        .baseUrl(baseUrl(model, environment))
        .apiKey(key == null || key.isEmpty() ? NO_KEY : key)
        .maxRetries(0)
        .timeout(Duration.ofMillis(model.limits().timeoutMillis()))
        .build();
    return new OpenAiClient(client, model, format, new OpenAiFailures(key));
  }

  /** The base URL (up to {@code /v1}) the model is called at. */
  static String baseUrl(ModelSpec model, ModelEnvironment environment) {
    return environment.endpointOverride(model.name()).map(URI::toString)
        .orElse(model.endpoint() == null || model.endpoint().isBlank() ? DEFAULT_BASE_URL : model.endpoint());
  }

  @Override
  public CompletableFuture<ModelReply> chat(String prompt) {
    if (format == null) {
      throw new IllegalStateException("model " + model.name() + " was set up for embeddings, not chat");
    }
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
        .model(model.modelId())
        .maxCompletionTokens(model.limits().maxOutputTokens())
        .temperature(0.0)
        .responseFormat(format);
    if (!model.systemPrompt().isEmpty()) {
      params.addSystemMessage(model.systemPrompt());
    }
    params.addUserMessage(prompt);
    return classified(client.chat().completions().create(params.build()).thenApply(OpenAiClient::reply));
  }

  @Override
  public CompletableFuture<EmbeddingsReply> embed(List<String> texts) {
    EmbeddingCreateParams params = EmbeddingCreateParams.builder()
        .model(model.modelId())
        .inputOfArrayOfStrings(texts)
        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
        .build();
    return classified(client.embeddings().create(params).thenApply(OpenAiClient::vectors));
  }

  private static ModelReply reply(ChatCompletion completion) {
    if (completion.choices().isEmpty()) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "no choices in the completion", null);
    }
    ChatCompletionMessage message = completion.choices().get(0).message();
    if (message.refusal().isPresent()) {
      throw CallFailure.of(FailureKind.INVALID_ANSWER, "the model refused to answer", null);
    }
    String text = message.content()
        .orElseThrow(() -> CallFailure.of(FailureKind.MALFORMED_RESPONSE, "the answer has no content", null));
    int input = completion.usage().map(usage -> (int) usage.promptTokens()).orElse(0);
    int output = completion.usage().map(usage -> (int) usage.completionTokens()).orElse(0);
    return new ModelReply(text, input, output);
  }

  private static EmbeddingsReply vectors(CreateEmbeddingResponse response) {
    List<float[]> vectors = response.data().stream()
        .sorted(Comparator.comparingLong(Embedding::index))
        .map(OpenAiClient::floats)
        .toList();
    return new EmbeddingsReply(vectors, (int) response.usage().promptTokens());
  }

  private static float[] floats(Embedding embedding) {
    List<Float> values = embedding.embedding();
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i);
    }
    return vector;
  }

  /** The future, failing with a classified {@link CallFailure} whatever went wrong. */
  private <T> CompletableFuture<T> classified(CompletableFuture<T> future) {
    return CancelPropagation.upstream(future, future.handle((value, error) -> {
      if (error != null) {
        throw failures.classify(error);
      }
      return value;
    }));
  }

  @Override
  public void close() {
    client.close();
  }
}
