package dev.runnel.cli;

/** Durations as an operator reads them: {@code 850ms}, {@code 12s}, {@code 4m10s}, {@code 2h05m}, {@code 3d04h}. */
final class Durations {
  private Durations() {}

  /** {@code millis} in its two largest units; "-" for null. */
  static String of(Long millis) {
    if (millis == null) {
      return "-";
    }
    long ms = millis;
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
    if (s < 86_400) {
      return (s / 3600) + "h" + String.format("%02d", s % 3600 / 60) + "m";
    }
    return (s / 86_400) + "d" + String.format("%02d", s % 86_400 / 3600) + "h";
  }
}
