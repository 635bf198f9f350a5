package dev.runnel.modelserver;

import com.sun.net.httpserver.HttpServer;
import dev.runnel.modelserver.answer.Responder;
import dev.runnel.modelserver.answer.RuleResponder;
import dev.runnel.modelserver.bedrock.BedrockErrors;
import dev.runnel.modelserver.bedrock.ConverseApi;
import dev.runnel.modelserver.faults.ActiveFaults;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.http.Route;
import dev.runnel.modelserver.http.Router;
import dev.runnel.modelserver.log.RequestLog;
import dev.runnel.modelserver.openai.ChatCompletionsApi;
import dev.runnel.modelserver.openai.EmbeddingsApi;
import dev.runnel.modelserver.openai.ModelsApi;
import dev.runnel.modelserver.openai.OpenAiErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A model server on 127.0.0.1 for tests and local runs: OpenAI-compatible ({@link #openAiBaseUrl()}) and Bedrock
 * Converse ({@link #bedrockEndpoint()}). It answers from deterministic rules, not a language model (see
 * {@link RuleResponder}); faults can be switched at runtime with {@link #faults(Faults)}, and every request is in
 * {@link #log()}. Requests are served concurrently by a pool of {@link Config#threads()} threads.
 */
public final class LocalModelServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final AtomicReference<ActiveFaults> faults = new AtomicReference<>(new ActiveFaults(Faults.NONE));
  private final RequestLog log = new RequestLog();

  /**
   * How the server is set up.
   *
   * @param port                0 for a free port
   * @param apiKey              the key OpenAI requests must carry as {@code Authorization: Bearer <key>}, or null
   *                            for none (Bedrock requests are never checked)
   * @param embeddingDimensions the size of embedding vectors unless a request asks for another
   * @param responder           what answers requests
   * @param modelIds            the ids {@code GET /v1/models} lists (requests may name any model)
   * @param threads             how many requests are served at once
   */
  public record Config(int port, String apiKey, int embeddingDimensions, Responder responder,
      List<String> modelIds, int threads) {
    public Config {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      if (embeddingDimensions < 1) {
        throw new IllegalArgumentException("embeddingDimensions must be positive: " + embeddingDimensions);
      }
      Objects.requireNonNull(responder, "responder");
      modelIds = List.copyOf(modelIds);
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
    }

    /** A free port, no API key, 64-dimensional embeddings, the rule responder, two model ids, 32 threads. */
    public static Config defaults() {
      return new Config(0, null, 64, new RuleResponder(), List.of("runnel-local-chat", "runnel-local-embedding"),
          32);
    }

    /** This config on {@code port} (0 for a free one). */
    public Config withPort(int port) {
      return new Config(port, apiKey, embeddingDimensions, responder, modelIds, threads);
    }

    /** This config requiring {@code apiKey} (null for none). */
    public Config withApiKey(String apiKey) {
      return new Config(port, apiKey, embeddingDimensions, responder, modelIds, threads);
    }

    /** This config with embeddings of {@code dimensions} floats. */
    public Config withEmbeddingDimensions(int dimensions) {
      return new Config(port, apiKey, dimensions, responder, modelIds, threads);
    }

    /** This config answering with {@code responder}. */
    public Config withResponder(Responder responder) {
      return new Config(port, apiKey, embeddingDimensions, responder, modelIds, threads);
    }

    /** This config listing {@code modelIds}. */
    public Config withModelIds(List<String> modelIds) {
      return new Config(port, apiKey, embeddingDimensions, responder, modelIds, threads);
    }

    /** This config serving {@code threads} requests at once. */
    public Config withThreads(int threads) {
      return new Config(port, apiKey, embeddingDimensions, responder, modelIds, threads);
    }
  }

  private LocalModelServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  /** Starts a server on 127.0.0.1 as {@code config} says. */
  public static LocalModelServer start(Config config) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port(), e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(config.threads(), task -> {
      Thread thread = new Thread(task, "local-model-server-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    LocalModelServer server = new LocalModelServer(http, executor);
    OpenAiErrors openAiErrors = new OpenAiErrors();
    BedrockErrors bedrockErrors = new BedrockErrors();
    List<Route> routes = List.of(
        new Route("POST", Pattern.compile("/v1/chat/completions/?"),
            new ChatCompletionsApi(config.responder(), openAiErrors)),
        new Route("POST", Pattern.compile("/v1/embeddings/?"),
            new EmbeddingsApi(config.responder(), config.embeddingDimensions(), openAiErrors)),
        new Route("GET", Pattern.compile("/v1/models/?"), new ModelsApi(config.modelIds(), openAiErrors)),
        new Route("POST", ConverseApi.PATH, new ConverseApi(config.responder(), bedrockErrors)));
    http.createContext("/", new Router(routes, openAiErrors, bedrockErrors, config.apiKey(), server.faults::get,
        server.log));
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The OpenAI base URL: {@code http://127.0.0.1:<port>/v1}. */
  public String openAiBaseUrl() {
    return bedrockEndpoint() + "/v1";
  }

  /** The Bedrock endpoint override: {@code http://127.0.0.1:<port>}. */
  public String bedrockEndpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** Replaces the fault plan for the requests that arrive from now on; its counters start afresh. */
  public void faults(Faults plan) {
    faults.set(new ActiveFaults(Objects.requireNonNull(plan, "plan")));
  }

  /** The fault plan in force. */
  public Faults faults() {
    return faults.get().plan();
  }

  /** The log of every request received. */
  public RequestLog log() {
    return log;
  }

  /** Stops listening and interrupts requests still being served (held or delayed ones included). */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
