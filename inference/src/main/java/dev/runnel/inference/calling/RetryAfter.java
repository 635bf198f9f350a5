package dev.runnel.inference.calling;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/** Reads how long a server asked to wait: OpenAI's {@code retry-after-ms}, or {@code Retry-After} in seconds or as a date. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait the response headers ask for, if any.
   *
   * @param header a response header's first value by (case-insensitive) name, empty when absent
   */
  public static Optional<Duration> fromHeaders(Function<String, Optional<String>> header, Clock clock) {
    Optional<Duration> millis = header.apply("retry-after-ms").flatMap(value -> parse(value, 1));
    return millis.isPresent() ? millis : header.apply("retry-after").flatMap(value -> seconds(value, clock));
  }

  private static Optional<Duration> seconds(String value, Clock clock) {
    Optional<Duration> seconds = parse(value, 1000);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> parse(String value, double millisPerUnit) {
    try {
      double amount = Double.parseDouble(value.trim());
      if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil(amount * millisPerUnit * 1_000_000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
