package dev.runnel.modelserver.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.faults.ActiveFaults;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultDecision;
import dev.runnel.modelserver.faults.Outage;
import dev.runnel.modelserver.log.LoggedRequest;
import dev.runnel.modelserver.log.PromptDigest;
import dev.runnel.modelserver.log.RequestLog;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: finds its endpoint, checks the API key, applies the fault plan in force, has the endpoint
 * answer, sends the reply and records the request in the log.
 */
public final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(1);

  private final List<Route> routes;
  private final ErrorDialect openAiErrors;
  private final ErrorDialect bedrockErrors;
  private final String apiKey;
  private final Supplier<ActiveFaults> faults;
  private final RequestLog log;

  /**
   * A router over {@code routes}; unknown paths under {@code /v1} get OpenAI errors, others Bedrock errors.
   *
   * @param apiKey the required API key, or null for none
   */
  public Router(List<Route> routes, ErrorDialect openAiErrors, ErrorDialect bedrockErrors, String apiKey,
      Supplier<ActiveFaults> faults, RequestLog log) {
    this.routes = List.copyOf(routes);
    this.openAiErrors = openAiErrors;
    this.bedrockErrors = bedrockErrors;
    this.apiKey = apiKey;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long receivedNanos = System.nanoTime();
    long receivedMillis = System.currentTimeMillis();
    log.started();
    Served served = new Served(Endpoint.UNKNOWN, null, null);
    try {
      served = serve(exchange, receivedNanos);
    } catch (IOException | RuntimeException e) {
      LOG.warn("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    } finally {
      // Recorded before the reply goes out, so a client that has its answer finds the request in the log.
      ModelCall<?> call = served.call;
      List<String> prompts = call == null ? List.of() : call.prompts();
      log.finished(new LoggedRequest(receivedNanos, receivedMillis, System.nanoTime(), served.endpoint,
          call == null ? "" : call.model(), prompts, prompts.stream().map(PromptDigest::sha256).toList(),
          served.reply == null ? 0 : served.reply.status(), call == null ? 0 : call.inputCount()));
      if (served.reply != null) {
        send(exchange, served.reply);
      }
      exchange.close();
    }
  }

  private Served serve(HttpExchange exchange, long receivedNanos) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    IncomingRequest request = new IncomingRequest(method, path,
        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestBody().readAllBytes());
    Route route = routes.stream().filter(r -> r.matches(method, path)).findFirst().orElse(null);
    if (route == null) {
      ErrorDialect dialect = path.startsWith("/v1/") ? openAiErrors : bedrockErrors;
      return new Served(Endpoint.UNKNOWN, null,
          dialect.error(ErrorKind.NOT_FOUND, "no such endpoint: " + method + " " + path));
    }
    return serve(route.api(), request, receivedNanos);
  }

  private <P> Served serve(EndpointApi<P> api, IncomingRequest request, long receivedNanos) {
    ModelCall<P> call = null;
    String parseError = null;
    try {
      call = api.parse(request, receivedNanos);
    } catch (BadRequestException e) {
      parseError = e.getMessage();
    }
    ActiveFaults active = faults.get();
    Outage outage = active.plan().outage();
    if (outage == Outage.DISCONNECT) {
      return new Served(api.endpoint(), call, null);
    }
    if (outage == Outage.UNAVAILABLE) {
      return new Served(api.endpoint(), call, retryLater(
          api.errors().error(ErrorKind.UNAVAILABLE, "the model server is down"), OUTAGE_RETRY_AFTER));
    }
    if (api.requiresApiKey() && apiKey != null && !("Bearer " + apiKey).equals(request.authorization())) {
      return new Served(api.endpoint(), call,
          api.errors().error(ErrorKind.UNAUTHORIZED, "Incorrect API key provided."));
    }
    if (call == null) {
      return new Served(api.endpoint(), null, api.errors().error(ErrorKind.BAD_REQUEST, parseError));
    }
    FaultDecision decision = active.decide(api.endpoint(), call.promptText());
    if (!pause(decision.delay())) {
      return new Served(api.endpoint(), call, null);
    }
    return new Served(api.endpoint(), call, outcome(api, call, decision.outcome()));
  }

  /** The reply the fault outcome calls for, or null to drop the connection. */
  private <P> Reply outcome(EndpointApi<P> api, ModelCall<P> call, FaultAction outcome) {
    ErrorDialect errors = api.errors();
    if (outcome instanceof FaultAction.Throttle throttle) {
      return retryLater(errors.error(ErrorKind.THROTTLED, "Rate limit reached (injected fault)."),
          throttle.retryAfter());
    } else if (outcome instanceof FaultAction.Unavailable unavailable) {
      return retryLater(errors.error(ErrorKind.UNAVAILABLE, "Service unavailable (injected fault)."),
          unavailable.retryAfter());
    } else if (outcome instanceof FaultAction.ServerError) {
      return errors.error(ErrorKind.SERVER_ERROR, "Internal server error (injected fault).");
    } else if (outcome instanceof FaultAction.Reject reject) {
      return errors.error(ErrorKind.BAD_REQUEST, reject.message());
    } else if (outcome instanceof FaultAction.Disconnect) {
      return null;
    } else if (outcome instanceof FaultAction.Hold hold && !pause(hold.duration())) {
      return null;
    }
    try {
      if (outcome instanceof FaultAction.MalformedBody) {
        return api.answer(call, null).truncated();
      }
      return api.answer(call, outcome instanceof FaultAction.BreakSchema spoil ? spoil.how() : null);
    } catch (IllegalArgumentException e) {
      return errors.error(ErrorKind.BAD_REQUEST, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("the responder failed on a {} request", api.endpoint(), e);
      return errors.error(ErrorKind.SERVER_ERROR, "the responder failed: " + e);
    }
  }

  private static Reply retryLater(Reply reply, Duration retryAfter) {
    long millis = retryAfter.toMillis();
    return reply.withHeader("Retry-After", Long.toString((millis + 999) / 1000))
        .withHeader("retry-after-ms", Long.toString(millis));
  }

  /** Sleeps; false when interrupted (the server is closing). */
  private static boolean pause(Duration delay) {
    if (delay.isZero()) {
      return true;
    }
    try {
      Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, Reply reply) {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    try {
      exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    } catch (IOException e) {
      LOG.debug("client went away before the answer was sent", e);
    }
  }

  /** What was served: the endpoint, the parsed call (null when it did not parse) and the reply (null to drop). */
  private record Served(Endpoint endpoint, ModelCall<?> call, Reply reply) {
  }
}
