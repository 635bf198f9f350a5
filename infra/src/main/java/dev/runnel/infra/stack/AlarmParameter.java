package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * A number an alarm takes from a stack parameter, so an operator changes it at deploy time without regenerating the
 * template. Parameters are stack-wide: every job of a template shares them.
 *
 * @param logicalId    the parameter's name
 * @param defaultValue its value when none is given
 * @param minValue     the smallest value CloudFormation accepts
 * @param description  what it sets
 */
public record AlarmParameter(String logicalId, long defaultValue, long minValue, String description) {
  /** Dead letters one stage may write in five minutes before its alarm fires. */
  public static final AlarmParameter DEAD_LETTERS = new AlarmParameter("DeadLetterAlarmThreshold", 0, 0,
      "Dead letters one stage may write in 5 minutes before its alarm fires (0: any dead letter)");
  /** The watermark lag above which a stage's watermark is stalled. */
  public static final AlarmParameter WATERMARK_LAG_MILLIS = new AlarmParameter("WatermarkLagAlarmMillis", 300_000,
      1_000, "Watermark lag (milliseconds behind the wall clock) above which a stage with event time is stalled");
  /** For how many minutes in a row the watermark lag must be above the threshold. */
  public static final AlarmParameter WATERMARK_MINUTES = new AlarmParameter("WatermarkLagAlarmMinutes", 10, 1,
      "Minutes in a row the watermark lag must stay above WatermarkLagAlarmMillis before the alarm fires");
  /** Throttled requests per minute a table, stream or stage may see before the minute counts as throttled. */
  public static final AlarmParameter THROTTLES = new AlarmParameter("ThrottleAlarmThreshold", 0, 0,
      "Throttled requests per minute a table, stream or stage may see without the minute counting as throttled");
  /** For how many throttled minutes in a row a throttle alarm waits. */
  public static final AlarmParameter THROTTLE_MINUTES = new AlarmParameter("ThrottleAlarmMinutes", 5, 1,
      "Throttled minutes in a row before a throttle alarm fires (a short burst is retried and harmless)");
  /** Failed model calls one stage may make in five minutes before its alarm fires. */
  public static final AlarmParameter MODEL_FAILURES = new AlarmParameter("ModelFailureAlarmThreshold", 0, 0,
      "Failed model calls one stage may make in 5 minutes before its alarm fires (0: any failure)");

  public AlarmParameter {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(description, "description");
    if (defaultValue < minValue) {
      throw new IllegalArgumentException(logicalId + ": default " + defaultValue + " is below " + minValue);
    }
  }
}
