package dev.runnel.modelserver.bedrock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.runnel.modelserver.http.ErrorDialect;
import dev.runnel.modelserver.http.ErrorKind;
import dev.runnel.modelserver.http.Reply;

/**
 * Bedrock's error shape, as the AWS SDK reads it: the error's name in the {@code x-amzn-ErrorType} header
 * ({@code ThrottlingException}, {@code ServiceUnavailableException}, {@code InternalServerException},
 * {@code ValidationException}...) and {@code {"message":…}} as the body.
 */
public final class BedrockErrors implements ErrorDialect {
  /** Creates the dialect; it holds no state. */
  public BedrockErrors() {
  }

  @Override
  public Reply error(ErrorKind kind, String message) {
    String type = switch (kind) {
      case BAD_REQUEST -> "ValidationException";
      case UNAUTHORIZED -> "AccessDeniedException";
      case NOT_FOUND -> "ResourceNotFoundException";
      case THROTTLED -> "ThrottlingException";
      case SERVER_ERROR -> "InternalServerException";
      case UNAVAILABLE -> "ServiceUnavailableException";
    };
    return Reply.json(kind.status(), JsonNodeFactory.instance.objectNode().put("message", message))
        .withHeader("x-amzn-ErrorType", type);
  }
}
