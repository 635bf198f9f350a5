package dev.runnel.inference;

/** A model's answer that does not match what was asked for (malformed JSON, a schema mismatch, an unknown label). */
public final class InvalidAnswerException extends Exception {
  /** An invalid answer; {@code message} says what is wrong, without the prompt. */
  public InvalidAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
