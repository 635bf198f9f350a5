package dev.runnel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * What went over the wire, counted by an HTTP client that sits under an SDK client, independent of Runnel's request
 * counter: requests per {@code Service.Operation} (from the {@code X-Amz-Target} header), followed for DynamoDB by
 * the table or tables the request's JSON names ({@code DynamoDb.PutItem orders-state}, several joined by {@code +}),
 * and the capacity units DynamoDB's responses report, per {@code DynamoDb.Operation table}.
 */
public final class WireRequests implements SdkHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final Map<String, Long> requests = new TreeMap<>();
  private final Map<String, Double> units = new TreeMap<>();

  /** Requests sent, e.g. {@code DynamoDb.PutItem orders-state} or {@code Kinesis.PutRecords}. */
  public synchronized Map<String, Long> requests() {
    return new TreeMap<>(requests);
  }

  /** Capacity units DynamoDB reported, per {@code DynamoDb.Operation table}. */
  public synchronized Map<String, Double> units() {
    return new TreeMap<>(units);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("?.?");
    String service = target.startsWith("DynamoDB_") ? "DynamoDb" : target.startsWith("Kinesis_") ? "Kinesis" : "?";
    String operation = service + "." + target.substring(target.indexOf('.') + 1);
    String counted = service.equals("DynamoDb") ? operation + " " + tables(request) : operation;
    ExecutableHttpRequest call = http.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        synchronized (WireRequests.this) {
          requests.merge(counted, 1L, Long::sum);
        }
        HttpExecuteResponse response = call.call();
        if (!service.equals("DynamoDb") || response.responseBody().isEmpty()) {
          return response;
        }
        byte[] body = response.responseBody().get().readAllBytes();
        if (response.httpResponse().isSuccessful()) {
          consumed(operation, JSON.readTree(body).path("ConsumedCapacity"));
        }
        return HttpExecuteResponse.builder().response(response.httpResponse())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  /** The tables a DynamoDB request's JSON names, sorted and joined by {@code +}. */
  private static String tables(HttpExecuteRequest request) {
    try (var in = request.contentStreamProvider().orElseThrow().newStream()) {
      JsonNode body = JSON.readTree(in);
      TreeSet<String> tables = new TreeSet<>();
      if (body.has("TableName")) {
        tables.add(body.get("TableName").asText());
      }
      body.path("RequestItems").fieldNames().forEachRemaining(tables::add);
      for (JsonNode item : body.path("TransactItems")) {
        item.elements().forEachRemaining(action -> tables.add(action.path("TableName").asText()));
      }
      return String.join("+", tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void consumed(String operation, JsonNode capacity) {
    if (capacity.isArray()) {
      capacity.forEach(each -> consumed(operation, each));
    } else if (capacity.has("CapacityUnits")) {
      units.merge(operation + " " + capacity.path("TableName").asText(), capacity.path("CapacityUnits").asDouble(),
          Double::sum);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
