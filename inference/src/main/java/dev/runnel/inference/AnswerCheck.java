package dev.runnel.inference;

/**
 * Checks a chat or classify answer before it is accepted: an answer that breaks the output schema (or names no
 * allowed label) counts as a failed attempt, is retried like a 500, and after the last retry goes to the dead letters
 * with the check's message.
 */
@FunctionalInterface
public interface AnswerCheck {
  /** Accepts every answer. */
  AnswerCheck ANY = answer -> {};

  /** Throws {@link InvalidAnswerException} saying what is wrong with {@code answer}. */
  void check(String answer) throws InvalidAnswerException;
}
