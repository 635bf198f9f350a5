package dev.runnel.locallambda;

import java.util.Objects;

/**
 * One invocation handed to a function's runtime through {@code /runtime/invocation/next}.
 *
 * @param requestId the Lambda request id ({@code Lambda-Runtime-Aws-Request-Id})
 * @param payload   the event, JSON
 * @param timeoutMillis the function timeout: the deadline is this long after the runtime took the invocation
 */
record Invocation(String requestId, byte[] payload, long timeoutMillis) {
  Invocation {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(payload, "payload");
  }
}
