package dev.runnel.functions.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The counter against a scripted DynamoDB endpoint: it counts each HTTP attempt, a retried one too, asks for the
 * consumed capacity and adds up what the responses report, per table.
 */
class RequestCounterTest {
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger throttlesLeft = new AtomicInteger();
  private final RequestCounter counter = new RequestCounter();
  private DynamoDbClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(body);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (throttlesLeft.getAndDecrement() > 0) {
        byte[] throttled = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"slow down\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", "ProvisionedThroughputExceededException:");
        exchange.sendResponseHeaders(400, throttled.length);
        exchange.getResponseBody().write(throttled);
        exchange.close();
        return;
      }
      boolean fail = failuresLeft.getAndDecrement() > 0;
      String answer = fail ? "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"x\"}"
          : target.endsWith("BatchGetItem")
              ? "{\"Responses\":{},\"ConsumedCapacity\":[{\"TableName\":\"a\",\"CapacityUnits\":1.5},"
                  + "{\"TableName\":\"b\",\"CapacityUnits\":0.5}]}"
              : "{\"ConsumedCapacity\":{\"TableName\":\"state\",\"CapacityUnits\":2.0}}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(fail ? 500 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    client = DynamoDbClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void countsEveryAttemptAndTheReportedUnits() {
    failuresLeft.set(1);
    client.putItem(r -> r.tableName("state").item(Map.of("pk", AttributeValue.fromS("k"))));

    assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"ReturnConsumedCapacity\":\"TOTAL\""));
    assertThat(counter.snapshot().operations()).containsExactly(
        new OperationRequests("DynamoDb", "PutItem", "state", 2, 0, 2.0));
    assertThat(counter.throttled()).as("a server error is no throttle").isZero();
  }

  @Test
  void countsTheAttemptsTheServiceThrottled() {
    throttlesLeft.set(2);
    client.putItem(r -> r.tableName("state").item(Map.of("pk", AttributeValue.fromS("k"))));

    assertThat(counter.throttled()).isEqualTo(2);
    assertThat(counter.snapshot().operations()).containsExactly(
        new OperationRequests("DynamoDb", "PutItem", "state", 3, 0, 2.0));
  }

  @Test
  void splitsUnitsOfARequestOnSeveralTablesByTable() {
    KeysAndAttributes key = KeysAndAttributes.builder().keys(Map.of("pk", AttributeValue.fromS("k"))).build();
    client.batchGetItem(r -> r.requestItems(Map.of("b", key, "a", key)));

    assertThat(counter.snapshot().operations()).containsExactly(
        new OperationRequests("DynamoDb", "BatchGetItem", "a", 0, 1.5, 0),
        new OperationRequests("DynamoDb", "BatchGetItem", "a+b", 1, 0, 0),
        new OperationRequests("DynamoDb", "BatchGetItem", "b", 0, 0.5, 0));
    assertThat(counter.snapshot().total()).isEqualTo(new RequestTotals(1, 2.0, 0));
  }
}
