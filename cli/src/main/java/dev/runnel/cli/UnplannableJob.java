package dev.runnel.cli;

/**
 * A job class the planner rejects: not a usage mistake, so {@link RunnelCommand} prints the planner's message alone
 * (it says what to change in the job) and exits with {@link ExitCodes#USAGE}, without the command's usage text.
 */
final class UnplannableJob extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnplannableJob(String message) {
    super(message);
  }
}
