package dev.runnel.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB Local running in this JVM as an HTTP server on a free loopback port, telemetry off, its start-up banner
 * sent to the debug log instead of standard output, its SQLite native library loaded from the tools directory
 * ({@link SqliteNativeLibrary}), never extracted into {@code /tmp}. In memory by default: start it, hand out clients,
 * close it; its data is gone then. {@link #persistentIn(Path)} keeps the tables in a directory instead (SQLite,
 * committed at every write), where a later server finds them again, also after a {@code kill -9} of this JVM.
 */
public final class DynamoDbLocal implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DynamoDbLocal.class);
  private static final int START_ATTEMPTS = 3;

  private final Path dataDir;
  private DynamoDBProxyServer server;
  private int port;

  /** A server keeping its tables in memory. */
  public DynamoDbLocal() {
    this(null);
  }

  private DynamoDbLocal(Path dataDir) {
    this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath();
  }

  /** A server keeping its tables in {@code dataDir} (created if needed), with those an earlier one left there. */
  public static DynamoDbLocal persistentIn(Path dataDir) {
    return new DynamoDbLocal(dataDir);
  }

  /** Starts the server (about 5 s); returns this for chaining. */
  public synchronized DynamoDbLocal start() {
    if (server != null) {
      return this;
    }
    SqliteNativeLibrary.useToolsDirectory(ToolsDirectory.resolve());
    String[] storage;
    try {
      storage = dataDir == null ? new String[] {"-inMemory"}
          : new String[] {"-dbPath", Files.createDirectories(dataDir).toString(), "-sharedDb"};
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create DynamoDB Local's data directory " + dataDir, e);
    }
    Exception last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int candidate = FreeLoopbackPort.find();
      try {
        DynamoDBProxyServer started = withoutBanner(() -> {
          List<String> args = new ArrayList<>(List.of(storage));
          args.addAll(List.of("-disableTelemetry", "-port", Integer.toString(candidate)));
          DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
          bindToLoopback(created);
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
    return builder().build();
  }

  /** A new client for this server that shows every request to {@code interceptor}; the caller closes it. */
  public DynamoDbClient client(ExecutionInterceptor interceptor) {
    return builder().overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
  }

  private DynamoDbClientBuilder builder() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(EmulatorCredentials.REGION)
        .credentialsProvider(EmulatorCredentials.provider())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30)));
  }

  /** Stops the server; the tables of an in-memory one are lost. Safe to call twice. */
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

  /**
   * Makes the server's Jetty connector listen on 127.0.0.1 instead of every interface: DynamoDB Local has no option
   * for it, and its {@code DynamoDBProxyServer} builds {@code new Server(port)}, whose connector binds 0.0.0.0.
   */
  private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(proxy);
    Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
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
