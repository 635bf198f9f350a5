package dev.runnel.modelserver.http;

import java.util.Objects;

/**
 * An HTTP request as the endpoint APIs need it.
 *
 * @param method        the HTTP method
 * @param rawPath       the path, still percent-encoded
 * @param authorization the Authorization header, or null
 * @param body          the request body
 */
public record IncomingRequest(String method, String rawPath, String authorization, byte[] body) {
  public IncomingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(body, "body");
  }
}
