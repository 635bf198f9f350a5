package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * An EventBridge schedule rule invoking a tick function (its alias) every {@code tickSeconds}.
 *
 * @param logicalId         its logical id in the stack (the SAM event's name on the function)
 * @param functionLogicalId the tick function
 * @param expression        the schedule, {@code rate(1 minute)} or {@code rate(N minutes)}
 */
public record TickSchedule(String logicalId, String functionLogicalId, String expression) {
  public TickSchedule {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    Objects.requireNonNull(expression, "expression");
  }

  /** The rate expression for a tick every {@code seconds} (whole minutes, at least one). */
  public static String rate(long seconds) {
    if (seconds < 60 || seconds % 60 != 0) {
      throw new IllegalArgumentException("a tick is whole minutes, at least one, not " + seconds + " s");
    }
    long minutes = seconds / 60;
    return minutes == 1 ? "rate(1 minute)" : "rate(" + minutes + " minutes)";
  }
}
