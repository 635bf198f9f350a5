package dev.runnel.inference.bedrock;

import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.ModelClient;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.calling.ModelReply;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * A model on Amazon Bedrock, through the Converse API (AWS SDK v2 over HTTP/1.1, its own retries off; each call runs
 * on the caller's executor). The answer is structured by one tool whose input schema is the output schema, forced with
 * {@code toolChoice}: the tool-use input is the answer.
 */
public final class BedrockClient implements ModelClient {
  /** The tool the model must call with its answer. */
  static final String TOOL_NAME = "answer";

  private final BedrockRuntimeClient client;
  private final ModelSpec model;
  private final ToolConfiguration tool;
  private final Executor executor;

  private BedrockClient(BedrockRuntimeClient client, ModelSpec model, ToolConfiguration tool, Executor executor) {
    this.client = client;
    this.model = model;
    this.tool = tool;
    this.executor = executor;
  }

  /**
   * The client of {@code model}: endpoint from the environment's override, else the model's endpoint, else
   * Bedrock's; region the model's, else the environment's; one attempt per call of at most
   * {@code limits.timeoutMillis}, run on {@code executor}.
   *
   * @throws IllegalArgumentException for {@link InferenceTask#EMBED}, which is not supported on Bedrock
   */
  public static BedrockClient create(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment, Executor executor) {
    if (task == InferenceTask.EMBED) {
      throw new IllegalArgumentException("model " + model.name() + ": embeddings on Bedrock are not supported; "
          + "use an openai-compatible or in-process embedding model");
    }
    ToolConfiguration tool = forcedTool(outputSchema);
    Duration timeout = Duration.ofMillis(model.limits().timeoutMillis());
    BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
        .region(model.region() == null || model.region().isBlank() ? environment.awsRegion()
            : Region.of(model.region()))
        .credentialsProvider(environment.awsCredentials())
        .overrideConfiguration(config -> config
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout));
    endpoint(model, environment).ifPresent(builder::endpointOverride);
    return new BedrockClient(builder.build(), model, tool, executor);
  }

  /** The endpoint override: the environment's, else the model's; none for Bedrock's own. */
  static Optional<URI> endpoint(ModelSpec model, ModelEnvironment environment) {
    return environment.endpointOverride(model.name())
        .or(() -> model.endpoint() == null || model.endpoint().isBlank() ? Optional.empty()
            : Optional.of(URI.create(model.endpoint())));
  }

  private static ToolConfiguration forcedTool(String outputSchema) {
    ToolSpecification spec = ToolSpecification.builder()
        .name(TOOL_NAME)
        .description("Gives the answer, as the schema says.")
        .inputSchema(ToolInputSchema.fromJson(JsonDocuments.fromJson(outputSchema)))
        .build();
    return ToolConfiguration.builder()
        .tools(Tool.fromToolSpec(spec))
        .toolChoice(ToolChoice.fromTool(SpecificToolChoice.builder().name(TOOL_NAME).build()))
        .build();
  }

  @Override
  public CompletableFuture<ModelReply> chat(String prompt) {
    ConverseRequest.Builder request = ConverseRequest.builder()
        .modelId(model.modelId())
        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build())
        .inferenceConfig(InferenceConfiguration.builder()
            .maxTokens(model.limits().maxOutputTokens())
            .temperature(0f)
            .build())
        .toolConfig(tool);
    if (!model.systemPrompt().isEmpty()) {
      request.system(SystemContentBlock.fromText(model.systemPrompt()));
    }
    ConverseRequest converse = request.build();
    return CompletableFuture.supplyAsync(() -> {
      ConverseResponse response;
      try {
        response = client.converse(converse);
      } catch (RuntimeException e) {
        throw BedrockFailures.classify(e);
      }
      return reply(response);
    }, executor);
  }

  /** Bedrock embeddings are not supported; {@link #create} refuses them. */
  @Override
  public CompletableFuture<EmbeddingsReply> embed(List<String> texts) {
    throw new UnsupportedOperationException("embeddings on Bedrock are not supported");
  }

  private static ModelReply reply(ConverseResponse response) {
    if (response.output() == null || response.output().message() == null) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "the response has no message", null);
    }
    ToolUseBlock use = response.output().message().content().stream()
        .map(ContentBlock::toolUse)
        .filter(block -> block != null && TOOL_NAME.equals(block.name()))
        .findFirst()
        .orElseThrow(() -> CallFailure.of(FailureKind.INVALID_ANSWER,
            "the model did not answer through the '" + TOOL_NAME + "' tool", null));
    int input = response.usage() == null || response.usage().inputTokens() == null ? 0
        : response.usage().inputTokens();
    int output = response.usage() == null || response.usage().outputTokens() == null ? 0
        : response.usage().outputTokens();
    return new ModelReply(JsonDocuments.toJson(use.input()), input, output);
  }

  @Override
  public void close() {
    client.close();
  }
}
