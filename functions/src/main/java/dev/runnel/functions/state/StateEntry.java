package dev.runnel.functions.state;

/**
 * One state's value for one key, and when it was last written (the writing record's arrival time, so replays agree).
 *
 * @param value         the value; never mutated once stored
 * @param updatedMillis the arrival time of the record that wrote it, or {@link #UNTIMED}
 */
public record StateEntry(Object value, long updatedMillis) {
  /**
   * The write time of a value stored without one: states without a time to live store none. Such a value does not
   * expire until it is written again, should its state get a time to live later.
   */
  public static final long UNTIMED = Long.MIN_VALUE;

  /** True when the write time is known. */
  public boolean timed() {
    return updatedMillis != UNTIMED;
  }
}
