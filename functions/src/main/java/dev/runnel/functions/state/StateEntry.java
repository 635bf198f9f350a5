package dev.runnel.functions.state;

/**
 * One state's value for one key, and when it was last written (the writing record's arrival time, so replays agree).
 *
 * @param value         the value; never mutated once stored
 * @param updatedMillis the arrival time of the record that wrote it
 */
public record StateEntry(Object value, long updatedMillis) {}
