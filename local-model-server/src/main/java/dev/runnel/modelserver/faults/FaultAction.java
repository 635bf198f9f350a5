package dev.runnel.modelserver.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fired {@link FaultRule} does. {@link Latency} adds to the answer time and lets later rules fire too; every
 * other action decides the request's outcome, and the first rule (in plan order) that fires with one wins.
 */
public sealed interface FaultAction {
  /** A fixed added delay. */
  static FaultAction latency(Duration delay) {
    return new Latency(delay, delay);
  }

  /** An added delay drawn uniformly (by the plan's seed) from {@code min..max}. */
  static FaultAction latency(Duration min, Duration max) {
    return new Latency(min, max);
  }

  /** 429 with {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}. */
  static FaultAction throttle(Duration retryAfter) {
    return new Throttle(retryAfter);
  }

  /** 503 with {@code Retry-After} and {@code retry-after-ms}. */
  static FaultAction unavailable(Duration retryAfter) {
    return new Unavailable(retryAfter);
  }

  /** 500. */
  static FaultAction serverError() {
    return new ServerError();
  }

  /** 400 with this message: a permanent failure that retrying cannot fix. */
  static FaultAction reject(String message) {
    return new Reject(message);
  }

  /** Holds the request this long (e.g. longer than the client's timeout), then answers normally. */
  static FaultAction hold(Duration duration) {
    return new Hold(duration);
  }

  /** 200 with the response body's JSON cut short. */
  static FaultAction malformedBody() {
    return new MalformedBody();
  }

  /** 200 with a well-formed response whose answer breaks the requested schema as {@code how} says. */
  static FaultAction breakSchema(SchemaBreak how) {
    return new BreakSchema(how);
  }

  /** Closes the connection without an answer. */
  static FaultAction disconnect() {
    return new Disconnect();
  }

  /** Whether this action decides the outcome (everything but {@link Latency}). */
  default boolean decidesOutcome() {
    return true;
  }

  /**
   * Added latency.
   *
   * @param min the shortest delay
   * @param max the longest delay (equal to min for a fixed delay)
   */
  record Latency(Duration min, Duration max) implements FaultAction {
    public Latency {
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
      }
    }

    @Override
    public boolean decidesOutcome() {
      return false;
    }

    /** The delay for a draw in [0, 1). */
    Duration at(double draw) {
      return min.plusNanos((long) ((max.toNanos() - min.toNanos()) * draw));
    }
  }

  /**
   * A 429 answer.
   *
   * @param retryAfter the Retry-After the answer carries
   */
  record Throttle(Duration retryAfter) implements FaultAction {
    public Throttle {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * A 503 answer.
   *
   * @param retryAfter the Retry-After the answer carries
   */
  record Unavailable(Duration retryAfter) implements FaultAction {
    public Unavailable {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /** A 500 answer. */
  record ServerError() implements FaultAction {
  }

  /**
   * A 400 answer.
   *
   * @param message the error message
   */
  record Reject(String message) implements FaultAction {
    public Reject {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A held request.
   *
   * @param duration how long to hold it before answering
   */
  record Hold(Duration duration) implements FaultAction {
    public Hold {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("negative hold: " + duration);
      }
    }
  }

  /** A truncated response body. */
  record MalformedBody() implements FaultAction {
  }

  /**
   * An answer that breaks the schema.
   *
   * @param how the way it breaks it
   */
  record BreakSchema(SchemaBreak how) implements FaultAction {
    public BreakSchema {
      Objects.requireNonNull(how, "how");
    }
  }

  /** A dropped connection. */
  record Disconnect() implements FaultAction {
  }
}
