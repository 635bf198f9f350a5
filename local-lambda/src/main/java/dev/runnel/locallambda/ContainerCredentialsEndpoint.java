package dev.runnel.locallambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The credentials a Lambda runtime with SnapStart offers its function, locally: an HTTP endpoint on loopback that
 * answers {@code GET} with the role's temporary credentials ({@code AccessKeyId}, {@code SecretAccessKey},
 * {@code Token}, {@code Expiration}) when the request carries the token in {@code Authorization}. The function finds
 * it through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}; it gets no
 * access-key variables.
 */
final class ContainerCredentialsEndpoint implements AutoCloseable {
  /** The path Lambda's own endpoint uses. */
  private static final String PATH = "/2021-04-23/credentials";
  private static final Duration LIFETIME = Duration.ofHours(6);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String token;
  private final Supplier<AwsCredentialsIdentity> credentials;
  private final AtomicInteger served = new AtomicInteger();

  /** Serves what {@code credentials} resolves to (for the emulators, the key their tables were created under). */
  ContainerCredentialsEndpoint(Supplier<AwsCredentialsIdentity> credentials) throws IOException {
    this.credentials = credentials;
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** The value of {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The value of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. */
  String token() {
    return token;
  }

  /** How many requests were answered with credentials. */
  int served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode body = JSON.createObjectNode();
      int status;
      if (!token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 403;
        body.put("Code", "AccessDenied").put("Message", "the Authorization header must carry the token of "
            + "AWS_CONTAINER_AUTHORIZATION_TOKEN");
      } else {
        AwsCredentialsIdentity identity = credentials.get();
        status = 200;
        body.put("AccessKeyId", identity.accessKeyId()).put("SecretAccessKey", identity.secretAccessKey())
            .put("Token", identity instanceof AwsSessionCredentialsIdentity session ? session.sessionToken()
                : "runnel-local-session")
            .put("Expiration", Instant.now().plus(LIFETIME).toString());
        served.incrementAndGet();
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
