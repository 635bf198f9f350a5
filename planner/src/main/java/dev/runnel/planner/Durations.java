package dev.runnel.planner;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the ISO-8601 durations of time annotations, reporting each bad one as a problem. */
final class Durations {
  private final List<JobProblem> problems;

  Durations(List<JobProblem> problems) {
    this.problems = problems;
  }

  /**
   * The duration in milliseconds, or null (with a problem) when it is not an ISO-8601 duration or is out of range.
   *
   * @param at       where it is declared, for the message
   * @param what     the attribute, as the user writes it: {@code @Window(size)}
   * @param value    the attribute's value
   * @param positive true when zero is not allowed either
   * @param example  a good value for the fix, e.g. {@code PT1M}
   */
  Long millis(String at, String what, String value, boolean positive, String example) {
    Duration duration;
    try {
      duration = Duration.parse(value);
    } catch (DateTimeParseException e) {
      problem(at, what + " \"" + value + "\" is not an ISO-8601 duration",
          "Write it as e.g. \"" + example + "\" (PT5S is 5 seconds, PT1M a minute, PT1H an hour, P1D a day).");
      return null;
    }
    if (duration.isNegative()) {
      problem(at, what + " \"" + value + "\" is negative", "Use a duration of zero or more, e.g. \"" + example + "\".");
      return null;
    }
    long millis;
    try {
      millis = duration.toMillis();
    } catch (ArithmeticException e) {
      problem(at, what + " \"" + value + "\" is too long", "Use a shorter duration, e.g. \"" + example + "\".");
      return null;
    }
    if (positive && millis <= 0) {
      problem(at, what + " \"" + value + "\" is not positive",
          "Use a duration of at least a millisecond, e.g. \"" + example + "\".");
      return null;
    }
    return millis;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
