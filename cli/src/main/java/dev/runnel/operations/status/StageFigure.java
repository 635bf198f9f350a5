package dev.runnel.operations.status;

/**
 * A figure of a stage that may not be known where the job runs: its value, or why it is missing.
 *
 * @param value       the value, or null
 * @param unavailable why there is no value, or null
 */
public record StageFigure(Double value, String unavailable) {
  /** A known value. */
  public static StageFigure of(double value) {
    return new StageFigure(value, null);
  }

  /** A figure that cannot be read here, and why. */
  public static StageFigure missing(String why) {
    return new StageFigure(null, why);
  }
}
