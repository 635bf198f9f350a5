package dev.runnel.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The live dashboard of one job, served by the JDK's HTTP server on loopback only: the page ({@code /}), the job
 * graph ({@code /api/graph}), the latest figures ({@code /api/figures}) and the figures as server-sent events
 * ({@code /events}), read from a {@link FigureSource} every {@code every}.
 */
public final class Dashboard implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final FigureFeed feed;

  private Dashboard(HttpServer server, ExecutorService threads, FigureFeed feed) {
    this.server = server;
    this.threads = threads;
    this.feed = feed;
  }

  /**
   * Serves the figures of {@code source} on 127.0.0.1:{@code port} (0: a free port), read every {@code every}.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static Dashboard start(FigureSource source, int port, Duration every) {
    ObjectMapper json = new ObjectMapper();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the dashboard cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); give another --ui-port, or 0 for a free one", e);
    }
    FigureFeed feed = new FigureFeed(source, every);
    JobGraph graph = JobGraph.of(source.plan());
    server.createContext("/", new StaticFiles());
    server.createContext("/api/graph", exchange -> sendJson(exchange, json, () -> graph));
    server.createContext("/api/figures", exchange -> sendJson(exchange, json, feed::latest));
    server.createContext("/events", new EventStream(feed, json));
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "dashboard-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.start();
    return new Dashboard(server, threads, feed);
  }

  /** Where the page is, e.g. {@code http://127.0.0.1:41234/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Reads the figures now and sends them to every open page (after a run ended, so that pages show its end). */
  public void refresh() {
    feed.readNow();
  }

  /** Stops serving; open pages keep what they show. */
  @Override
  public void close() {
    feed.close();
    server.stop(0);
    threads.shutdownNow();
  }

  private static void sendJson(HttpExchange exchange, ObjectMapper json, Supplier<Object> value) throws IOException {
    byte[] body = json.writeValueAsBytes(value.get());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
