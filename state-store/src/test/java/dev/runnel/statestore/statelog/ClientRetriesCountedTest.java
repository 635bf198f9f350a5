package dev.runnel.statestore.statelog;

import static dev.runnel.statestore.statelog.StateLogStoreContract.bytes;
import static dev.runnel.statestore.statelog.StateLogStoreContract.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.EmulatorCredentials;
import dev.runnel.statestore.dynamodb.Backoff;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Throttling is retried by the client's retry strategy, not by the store, and the store counts every attempt the SDK
 * sent: on DynamoDB Local, behind an interceptor that turns the next n responses into throttling errors.
 */
class ClientRetriesCountedTest {
  private static final String TABLE = "retries-state-log";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;
  private static final Throttle THROTTLE = new Throttle();

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = DynamoDbClient.builder()
        .endpointOverride(dynamoDbLocal.endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(THROTTLE)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(4)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build()))
        .build();
    StateLogTable.create(dynamoDb, TABLE);
  }

  @AfterAll
  static void stop() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Test
  void everyAttemptOfAThrottledCallIsCounted() {
    DynamoDbStateLogStore store = new DynamoDbStateLogStore(dynamoDb, TABLE, Backoff.immediate(8));
    THROTTLE.seen.set(0);
    THROTTLE.next.set(2);
    store.write("stage", "s", entry(1, "a", 1), List.of(bytes("a")));
    assertThat(store.counters().batchWriteItemRequests()).isEqualTo(3);

    THROTTLE.next.set(1);
    assertThat(store.read("stage", "s", List.of(entry(1, "a", 1)))).containsExactly(bytes("a"));
    assertThat(store.counters().queryRequests()).isEqualTo(2);

    THROTTLE.next.set(4);
    assertThatThrownBy(() -> store.write("stage", "s", entry(2, "a", 1), List.of(bytes("b"))))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(store.counters().batchWriteItemRequests()).isEqualTo(3 + 4);
    assertThat(THROTTLE.seen.get()).isEqualTo(3 + 2 + 4);
  }

  /** Answers the next n requests with DynamoDB's throttling error (after DynamoDB Local has handled them). */
  private static final class Throttle implements ExecutionInterceptor {
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger seen = new AtomicInteger();
    private static final String BODY = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
        + "ProvisionedThroughputExceededException\",\"message\":\"throttled by the test\"}";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      seen.incrementAndGet();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (next.get() <= 0) {
        return context.httpResponse();
      }
      return context.httpResponse().toBuilder().statusCode(400).removeHeader("x-amz-crc32")
          .putHeader("Content-Length", Integer.toString(BODY.length())).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      if (next.getAndDecrement() <= 0) {
        return context.responseBody();
      }
      return Optional.of(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
