package dev.runnel.modelserver.http;

/** A request body or path that an endpoint cannot understand; answered 400. */
public final class BadRequestException extends Exception {
  /** A bad request, with the message the client gets. */
  public BadRequestException(String message) {
    super(message);
  }
}
