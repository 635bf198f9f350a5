package dev.runnel.modelserver.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which requests an endpoint serves.
 *
 * @param method the HTTP method
 * @param path   the pattern the whole raw path must match
 * @param api    the endpoint serving them
 */
public record Route(String method, Pattern path, EndpointApi<?> api) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(api, "api");
  }

  /** Whether this route serves {@code method} on {@code rawPath}. */
  public boolean matches(String method, String rawPath) {
    return this.method.equals(method) && path.matcher(rawPath).matches();
  }
}
