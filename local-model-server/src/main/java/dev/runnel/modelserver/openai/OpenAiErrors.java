package dev.runnel.modelserver.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.modelserver.http.ErrorDialect;
import dev.runnel.modelserver.http.ErrorKind;
import dev.runnel.modelserver.http.Reply;

/** OpenAI's error shape: {@code {"error":{"message":…,"type":…,"param":null,"code":…}}}. */
public final class OpenAiErrors implements ErrorDialect {
  /** Creates the dialect; it holds no state. */
  public OpenAiErrors() {
  }

  @Override
  public Reply error(ErrorKind kind, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("message", message);
    error.put("type", switch (kind) {
      case BAD_REQUEST, UNAUTHORIZED, NOT_FOUND -> "invalid_request_error";
      case THROTTLED -> "requests";
      case SERVER_ERROR, UNAVAILABLE -> "server_error";
    });
    error.putNull("param");
    error.put("code", switch (kind) {
      case BAD_REQUEST -> "invalid_request";
      case UNAUTHORIZED -> "invalid_api_key";
      case NOT_FOUND -> "not_found";
      case THROTTLED -> "rate_limit_exceeded";
      case SERVER_ERROR -> "internal_error";
      case UNAVAILABLE -> "service_unavailable";
    });
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", error);
    return Reply.json(kind.status(), body);
  }
}
