package dev.runnel.functions.windows;

/** A record later than the allowed lateness of all its windows, when the window has no late node: a dead letter. */
public final class LateRecordException extends RuntimeException {
  /** An exception with a message saying how late the record is. */
  public LateRecordException(String message) {
    super(message);
  }
}
