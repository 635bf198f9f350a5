package dev.runnel.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium showing one page, driven over the DevTools protocol (a WebSocket, the JDK's client):
 * evaluate JavaScript in the page, take a screenshot. {@link #installed()} installs the package when it is missing
 * and the test runs as root with apt-get; else it says why not. Shared with the CLI's tests through this module's
 * test jar.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The chromium executable, installing Debian's package first if it is missing; null with the reason in {@code why}. */
  public static String installed(StringBuilder why) {
    if (onPath("chromium")) {
      return "chromium";
    }
    if (!onPath("apt-get")) {
      why.append("chromium is not installed and there is no apt-get to install it (apt-get install chromium)");
      return null;
    }
    try {
      Process update = new ProcessBuilder("apt-get", "update", "-qq").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      update.waitFor(3, TimeUnit.MINUTES);
      Process install = new ProcessBuilder("apt-get", "install", "-y", "-qq", "chromium").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
        why.append("'apt-get install -y chromium' failed (not root, or no package mirror reachable)");
        return null;
      }
    } catch (IOException e) {
      why.append("could not run apt-get to install chromium: ").append(e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why.append("interrupted while installing chromium");
      return null;
    }
    return onPath("chromium") ? "chromium" : null;
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** Starts {@code executable} headless on a fresh profile, showing {@code url} in a window of that size. */
  public static HeadlessChromium open(String executable, URI url, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("runnel-chromium-");
    Process process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
        url.toString()).redirectErrorStream(true).start();
    CompletableFuture<String> browserSocket = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            browserSocket.complete(matcher.group(1));
          }
        }
      } catch (IOException ended) {
        // the process ended
      }
      browserSocket.completeExceptionally(new IllegalStateException("chromium ended before listening"));
    }, "chromium-output");
    drain.setDaemon(true);
    drain.start();
    URI browser = URI.create(browserSocket.get(30, TimeUnit.SECONDS));
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
      String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.path("type").asText())) {
          pageSocket = target.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageSocket == null) {
        Thread.sleep(100);
      }
    }
    if (pageSocket == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium shows no page");
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
      private final StringBuilder message = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        message.append(data);
        if (last) {
          self[0].reply(message.toString());
          message.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, socket);
    return self[0];
  }

  private void reply(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
        if (reply != null) {
          reply.complete(message);
        }
      }
    } catch (IOException e) {
      // not a reply
    }
  }

  /** Sends a DevTools command and returns its result. */
  public JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", params == null ? JSON.createObjectNode() : params);
    socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
    JsonNode message = reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (message.has("error")) {
      throw new IllegalStateException(method + " failed: " + message.get("error"));
    }
    return message.path("result");
  }

  /** The value of a JavaScript expression in the page, as JSON (null for undefined); a thrown error fails. */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("'" + expression + "' threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Saves a PNG of the whole page. */
  public void screenshot(Path file) throws Exception {
    JsonNode size = send("Page.getLayoutMetrics", null).path("cssContentSize");
    ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
        .put("height", size.path("height").asDouble()).put("scale", 1);
    ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    String data = send("Page.captureScreenshot", params).path("data").asText();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(data));
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
