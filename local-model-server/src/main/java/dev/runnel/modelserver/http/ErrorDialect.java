package dev.runnel.modelserver.http;

/** How one API words an error (OpenAI's {@code {"error":{...}}}, Bedrock's {@code x-amzn-ErrorType}). */
public interface ErrorDialect {
  /** The reply for an error of {@code kind}; Retry-After headers are added by the caller. */
  Reply error(ErrorKind kind, String message);
}
