package dev.runnel.inference.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.RetryAfter;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Classifies the OpenAI SDK's errors as {@link CallFailure}s, with the API key masked out of every message. */
final class OpenAiFailures {
  private final String secret;

  /** Failures of a client that uses {@code secret} as its key (null for none). */
  OpenAiFailures(String secret) {
    this.secret = secret == null || secret.isEmpty() ? null : secret;
  }

  /** The failure {@code error} stands for. */
  CallFailure classify(Throwable error) {
    Throwable cause = CallFailure.unwrap(error);
    if (cause instanceof CallFailure failure) {
      return failure;
    }
    if (cause instanceof OpenAIServiceException service) {
      int status = service.statusCode();
      Duration retryAfter = status == 429 || status == 503
          ? RetryAfter.fromHeaders(name -> first(service.headers(), name), Clock.systemUTC()).orElse(null)
          : null;
      String type = service.type().or(service::code).orElse(null);
      return new CallFailure(FailureKind.ofStatus(status), status, type, masked(serverMessage(service)), retryAfter,
          null);
    }
    if (cause instanceof OpenAIIoException) {
      FailureKind kind = timedOut(cause) ? FailureKind.TIMEOUT : FailureKind.CONNECTION;
      return CallFailure.of(kind, masked(rootMessage(cause)), cause);
    }
    if (cause instanceof OpenAIInvalidDataException || cause instanceof OpenAIException) {
      return CallFailure.of(FailureKind.MALFORMED_RESPONSE, masked(rootMessage(cause)), cause);
    }
    return CallFailure.of(FailureKind.REJECTED, masked(String.valueOf(cause)), cause);
  }

  private static Optional<String> first(Headers headers, String name) {
    List<String> values = headers.values(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The server's own error message ({@code error.message} of the body), else the SDK's. */
  private static String serverMessage(OpenAIServiceException service) {
    try {
      JsonNode body = service.body().convert(JsonNode.class);
      if (body != null) {
        JsonNode message = body.path("error").path("message");
        if (message.isTextual()) {
          return message.asText();
        }
        if (body.path("message").isTextual()) {
          return body.path("message").asText();
        }
      }
    } catch (RuntimeException e) {
      // the body is not JSON: fall back to the SDK's message
    }
    return service.getMessage();
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root == error || message == null ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + message;
  }

  private String masked(String text) {
    return secret == null || text == null ? text : text.replace(secret, "***");
  }
}
