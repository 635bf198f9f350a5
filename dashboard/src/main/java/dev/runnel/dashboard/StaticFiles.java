package dev.runnel.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /} and {@code GET /static/<file>}: the page, its script and style, and the vendored charting library,
 * from this package's {@code web/} resources. Only names of letters, digits, dots, dashes and one {@code vendor/}
 * level are served.
 */
final class StaticFiles implements HttpHandler {
  private static final String ROOT = "/dev/runnel/dashboard/web/";
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "md", "text/plain; charset=utf-8");

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String name = path.equals("/") ? "index.html" : path.startsWith("/static/") ? path.substring(8) : null;
    if (name == null || !name.matches("(vendor/)?[A-Za-z0-9.-]+") || name.contains("..")) {
      notFound(exchange);
      return;
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        notFound(exchange);
        return;
      }
      byte[] body = in.readAllBytes();
      String extension = name.substring(name.lastIndexOf('.') + 1);
      exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    byte[] body = "not found".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
