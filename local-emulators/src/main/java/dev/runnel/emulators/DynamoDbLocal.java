package dev.runnel.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running in this JVM as an in-memory HTTP server on a free port, telemetry off, its start-up banner
 * sent to the debug log instead of standard output. Start it, hand out clients, close it; its data is gone then.
 */
public final class DynamoDbLocal implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DynamoDbLocal.class);
  private static final int START_ATTEMPTS = 3;

  private DynamoDBProxyServer server;
  private int port;

  /** Starts the server (about 5 s); returns this for chaining. */
  public synchronized DynamoDbLocal start() {
    if (server != null) {
      return this;
    }
    Exception last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int candidate = FreeLoopbackPort.find();
      try {
        DynamoDBProxyServer started = withoutBanner(() -> {
          DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(candidate)});
          created.start();
          return created;
        });
        server = started;
        port = candidate;
        return this;
      } catch (Exception e) {
        last = e; // most likely the port was taken between finding and binding it
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  /** The HTTP endpoint, for example {@code http://127.0.0.1:45123}. */
  public URI endpoint() {
    requireStarted();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A new client for this server; the caller closes it. */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /** Stops the server; its tables are lost. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    } finally {
      server = null;
    }
  }

  /** Runs {@code start} with System.out captured: DynamoDB Local prints its configuration there; we log it. */
  private static <T> T withoutBanner(java.util.concurrent.Callable<T> start) throws Exception {
    java.io.PrintStream console = System.out;
    java.io.ByteArrayOutputStream banner = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(banner, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return start.call();
    } finally {
      System.setOut(console);
      LOG.debug("DynamoDB Local: {}", banner.toString(java.nio.charset.StandardCharsets.UTF_8).trim());
    }
  }

  private synchronized void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("DynamoDB Local is not running; call start() first");
    }
  }
}
