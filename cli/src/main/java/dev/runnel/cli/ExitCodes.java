package dev.runnel.cli;

/** The exit codes of {@code runnel}. */
final class ExitCodes {
  /** The command did what was asked. */
  static final int OK = 0;
  /** A run started but failed (a stage's consumer broke, or the job never went quiet). */
  static final int FAILED_RUN = 1;
  /** Bad usage, or a job class that is missing or cannot be planned. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
