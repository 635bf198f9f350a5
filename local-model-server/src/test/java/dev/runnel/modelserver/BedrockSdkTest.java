package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** AWS SDK v2's Bedrock runtime client talks to the server through an endpoint override. */
class BedrockSdkTest {
  static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  static LocalModelServer server;
  static BedrockRuntimeClient client;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    client = BedrockRuntimeClient.builder()
        .endpointOverride(URI.create(server.bedrockEndpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(5)))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void converseWithAForcedToolReturnsToolUseInput() {
    Document schema = Document.mapBuilder()
        .putString("type", "object")
        .putDocument("properties", Document.mapBuilder()
            .putDocument("sentiment", Document.mapBuilder().putString("type", "string")
                .putList("enum", List.of(Document.fromString("POSITIVE"), Document.fromString("NEGATIVE"),
                    Document.fromString("NEUTRAL")))
                .build())
            .putDocument("score", Document.mapBuilder().putString("type", "number").putNumber("minimum", -1)
                .putNumber("maximum", 1).build())
            .build())
        .putList("required", List.of(Document.fromString("sentiment"), Document.fromString("score")))
        .build();
    ConverseRequest request = ConverseRequest.builder()
        .modelId(MODEL)
        .system(SystemContentBlock.fromText("Judge the comment's sentiment."))
        .messages(Message.builder().role(ConversationRole.USER)
            .content(ContentBlock.fromText("Love the host, best stream ever")).build())
        .inferenceConfig(c -> c.maxTokens(200).temperature(0f))
        .toolConfig(ToolConfiguration.builder()
            .tools(Tool.fromToolSpec(ToolSpecification.builder().name("record_sentiment")
                .description("Records the sentiment").inputSchema(ToolInputSchema.fromJson(schema)).build()))
            .toolChoice(ToolChoice.fromTool(SpecificToolChoice.builder().name("record_sentiment").build()))
            .build())
        .build();

    ConverseResponse response = client.converse(request);

    assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    ToolUseBlock toolUse = response.output().message().content().get(0).toolUse();
    assertThat(toolUse.name()).isEqualTo("record_sentiment");
    assertThat(toolUse.input().asMap().get("sentiment").asString()).isEqualTo("POSITIVE");
    assertThat(toolUse.input().asMap().get("score").asNumber().doubleValue()).isEqualTo(1.0);
    assertThat(response.usage().totalTokens()).isPositive();
    assertThat(server.log().requests()).anySatisfy(r -> assertThat(r.model()).isEqualTo(MODEL));
  }

  @Test
  void converseTextAndThrottling() {
    ConverseRequest request = ConverseRequest.builder().modelId(MODEL)
        .messages(Message.builder().role(ConversationRole.USER)
            .content(ContentBlock.fromText("What topic is this: when will my parcel arrive?")).build())
        .build();

    ConverseResponse text = client.converse(request);
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.throttle(Duration.ofSeconds(1)))));
    try {
      assertThatThrownBy(() -> client.converse(request)).isInstanceOf(ThrottlingException.class);
    } finally {
      server.faults(Faults.NONE);
    }

    assertThat(text.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(text.output().message().content().get(0).text()).isEqualTo("shipping");
  }
}
