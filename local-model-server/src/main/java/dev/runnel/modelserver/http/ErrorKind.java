package dev.runnel.modelserver.http;

/** The errors the server answers with, each with its HTTP status; each API words them in its own dialect. */
public enum ErrorKind {
  BAD_REQUEST(400), UNAUTHORIZED(401), NOT_FOUND(404), THROTTLED(429), SERVER_ERROR(500), UNAVAILABLE(503);

  private final int status;

  ErrorKind(int status) {
    this.status = status;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
