package dev.runnel.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: the figures as server-sent events ({@code event: figures}, the JSON of {@link JobFigures}), the
 * latest at once and then every read of the feed, until the page goes away. A comment line every 15 s keeps idle
 * connections open. Each open stream holds one of the server's threads.
 */
final class EventStream implements HttpHandler {
  private static final long KEEP_ALIVE_SECONDS = 15;

  private final FigureFeed feed;
  private final ObjectMapper json;

  EventStream(FigureFeed feed, ObjectMapper json) {
    this.feed = feed;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    BlockingQueue<JobFigures> queue = feed.subscribe();
    try (OutputStream out = exchange.getResponseBody()) {
      send(out, feed.latest());
      while (!Thread.currentThread().isInterrupted()) {
        JobFigures next = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        } else {
          send(out, next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException pageGone) {
      // the page was closed or reloaded
    } finally {
      feed.unsubscribe(queue);
      exchange.close();
    }
  }

  private void send(OutputStream out, JobFigures figures) throws IOException {
    out.write(("event: figures\ndata: " + json.writeValueAsString(figures) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
