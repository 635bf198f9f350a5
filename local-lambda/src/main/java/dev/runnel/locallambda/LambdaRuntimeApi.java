package dev.runnel.locallambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API of one execution environment, on loopback: the runtime interface client in the function's
 * process long-polls {@code GET /2018-06-01/runtime/invocation/next} for an event and posts its answer to
 * {@code .../invocation/<id>/response} or {@code .../invocation/<id>/error}; {@code /runtime/init/error} reports a
 * handler that cannot start, and {@code /runtime/restore/next} is the SnapStart restore step. One instance serves one
 * process, so an invocation is never handed to a process that already died.
 */
final class LambdaRuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

  private final HttpServer server;
  private final ExecutorService threads;
  private final String functionArn;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private volatile InvocationResult.InitError initError;

  /** An invocation waiting for the runtime, and when the runtime took it and how it ended. */
  record Pending(Invocation invocation, CompletableFuture<Long> taken, CompletableFuture<InvocationResult> result) {}

  /** Starts serving on a free loopback port for the function with this ARN. */
  LambdaRuntimeApi(String functionArn) throws IOException {
    this.functionArn = functionArn;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "runtime-api-" + server.getAddress().getPort());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Completes with {@link System#nanoTime()} when the runtime first asked for an invocation: its init is done. */
  CompletableFuture<Long> ready() {
    return ready;
  }

  /** Queues {@code invocation} for the runtime's next poll. */
  Pending submit(Invocation invocation) {
    Pending pending = new Pending(invocation, new CompletableFuture<>(), new CompletableFuture<>());
    InvocationResult.InitError failed = initError;
    if (failed != null) {
      pending.result().complete(failed);
      return pending;
    }
    inFlight.put(invocation.requestId(), pending);
    queue.add(pending);
    return pending;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      if (path.equals("invocation/next")) {
        next(exchange);
      } else if (path.equals("restore/next")) {
        ready.complete(System.nanoTime());
        reply(exchange, 200, "");
      } else if (path.equals("init/error") || path.equals("restore/error")) {
        InvocationResult.InitError error = new InvocationResult.InitError(
            exchange.getRequestHeaders().getFirst(ERROR_TYPE), body(exchange.getRequestBody()));
        initError = error;
        inFlight.values().forEach(pending -> pending.result().complete(error));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
          reply(exchange, 400, "{\"errorMessage\":\"unknown request id " + requestId + "\",\"errorType\":"
              + "\"InvalidRequestID\"}");
          return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        pending.result().complete(path.endsWith("/response") ? new InvocationResult.Response(body)
            : new InvocationResult.FunctionError(exchange.getRequestHeaders().getFirst(ERROR_TYPE),
                new String(body, StandardCharsets.UTF_8)));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"no such Runtime API path: " + path + "\"}");
      }
    }
  }

  /** Long-polls for the next invocation and hands it over with the headers the runtime interface client requires. */
  private void next(HttpExchange exchange) throws IOException {
    ready.complete(System.nanoTime());
    Pending pending;
    try {
      pending = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Invocation invocation = pending.invocation();
    long deadline = System.currentTimeMillis() + invocation.timeoutMillis();
    pending.taken().complete(System.nanoTime());
    var headers = exchange.getResponseHeaders();
    // the native client reads these; without Content-Type or the request id it fails (or crashes)
    headers.add("Content-Type", "application/json");
    headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    headers.add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(deadline / 1000) + "-"
        + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
    exchange.sendResponseHeaders(200, invocation.payload().length);
    exchange.getResponseBody().write(invocation.payload());
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String body(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Stops serving; a poll still waiting is dropped. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
