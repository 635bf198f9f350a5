package dev.runnel.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP endpoint in front of moto_server for tests that read CloudWatch with this SDK. The SDK (2.40.6 and
 * later, so our 2.42.28) speaks only Smithy RPC v2 CBOR to CloudWatch ({@code POST /service/
 * GraniteServiceVersion20100801/operation/<Op>}, a CBOR body, {@code smithy-protocol: rpc-v2-cbor}); moto 5.2 answers
 * CloudWatch in the AWS Query and AWS JSON 1.0 protocols only (getmoto/moto#9195: no RPC v2 CBOR planned), so such a
 * request gets its 404. This bridge re-encodes each CloudWatch request's CBOR body as the same document in JSON and
 * sends it to moto as AWS JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}), then re-encodes moto's
 * JSON answer (or error, {@code __type}) as CBOR, timestamps as CBOR tag 1 epoch seconds as the protocol requires.
 * Both protocols carry the same CloudWatch documents (same member names and shapes; timestamps as epoch seconds), so
 * the translation is a change of encoding, not of content: moto holds and aggregates the metrics, the SDK's own RPC v2
 * CBOR client writes and parses the bytes. Every other request (Kinesis, DynamoDB, CloudFormation) goes to moto
 * unchanged, so one {@code --endpoint-url} serves a whole stack. What this does not show: that AWS's own CloudWatch
 * endpoint accepts the SDK's bytes (the SDK's protocol tests do).
 */
final class CloudWatchRpcV2Bridge implements AutoCloseable {
  private static final String RPC_PREFIX = "/service/GraniteServiceVersion20100801/operation/";
  private static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";
  /** The CloudWatch members holding timestamps (GetMetricData, GetMetricStatistics, DescribeAlarms...). */
  private static final Set<String> TIMESTAMPS = Set.of("Timestamps", "Timestamp", "StartTime", "EndTime",
      "StateUpdatedTimestamp", "AlarmConfigurationUpdatedTimestamp", "StateTransitionedTimestamp", "LastModified");
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive");

  private final URI moto;
  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  private final CBORMapper cbor = new CBORMapper();
  private final AtomicInteger translated = new AtomicInteger();

  private CloudWatchRpcV2Bridge(URI moto) throws IOException {
    this.moto = moto;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.threads = Executors.newFixedThreadPool(8, r -> {
      Thread thread = new Thread(r, "cloudwatch-bridge");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts a bridge to the moto_server at {@code moto}. */
  static CloudWatchRpcV2Bridge start(URI moto) throws IOException {
    return new CloudWatchRpcV2Bridge(moto);
  }

  /** Where to send every request, e.g. {@code http://127.0.0.1:41234}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many CloudWatch RPC v2 CBOR requests were translated so far. */
  int translated() {
    return translated.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("POST".equals(exchange.getRequestMethod()) && path.startsWith(RPC_PREFIX)) {
        translate(exchange, path.substring(RPC_PREFIX.length()), body);
      } else {
        passThrough(exchange, body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      byte[] text = ("bridge failed: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(502, text.length);
      exchange.getResponseBody().write(text);
    } finally {
      exchange.close();
    }
  }

  private void translate(HttpExchange exchange, String operation, byte[] body)
      throws IOException, InterruptedException {
    translated.incrementAndGet();
    byte[] cborBody = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
        ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
    JsonNode document = cborBody.length == 0 ? json.createObjectNode() : cbor.readTree(cborBody);
    HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve("/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(document)))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", TARGET_PREFIX + operation);
    for (String name : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answered = answer.body().length == 0 ? json.createObjectNode() : json.readTree(answer.body());
    byte[] out = encode(answered);
    exchange.getResponseHeaders().set("Content-Type", "application/cbor");
    exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
    answer.headers().firstValue("x-amzn-RequestId").ifPresent(id -> exchange.getResponseHeaders().set(
        "x-amzn-RequestId", id));
    exchange.sendResponseHeaders(answer.statusCode(), out.length);
    exchange.getResponseBody().write(out);
  }

  private void passThrough(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    answer.headers().map().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] out = answer.body();
    boolean empty = out.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : out.length);
    if (!empty) {
      exchange.getResponseBody().write(out);
    }
  }

  /** {@code document} as CBOR, the members named in {@link #TIMESTAMPS} as tag 1 epoch seconds. */
  private byte[] encode(JsonNode document) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator generator = cbor.getFactory().createGenerator(bytes)) {
      write(generator, document, false);
    }
    return bytes.toByteArray();
  }

  private static void write(CBORGenerator generator, JsonNode node, boolean timestamp) throws IOException {
    if (node.isObject()) {
      generator.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        generator.writeFieldName(field.getKey());
        write(generator, field.getValue(), TIMESTAMPS.contains(field.getKey()));
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) {
        write(generator, element, timestamp);
      }
      generator.writeEndArray();
    } else if (timestamp && (node.isNumber() || node.isTextual())) {
      double seconds = node.isNumber() ? node.asDouble() : Instant.parse(node.asText()).toEpochMilli() / 1000.0;
      generator.writeTag(1);
      generator.writeNumber(seconds);
    } else {
      writeScalar(generator, node);
    }
  }

  private static void writeScalar(JsonGenerator generator, JsonNode node) throws IOException {
    if (node.isNull()) {
      generator.writeNull();
    } else if (node.isBoolean()) {
      generator.writeBoolean(node.asBoolean());
    } else if (node.isIntegralNumber()) {
      generator.writeNumber(node.asLong());
    } else if (node.isNumber()) {
      generator.writeNumber(node.asDouble());
    } else {
      generator.writeString(node.asText());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
