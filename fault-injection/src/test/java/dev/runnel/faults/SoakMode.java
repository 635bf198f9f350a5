package dev.runnel.faults;

/**
 * How a randomized soak runs its stages, chosen with {@code -Drunnel.soak.isolated} (read here only). In process: the
 * stage handlers run in the test's JVM with simulated crashes (today's harness). Isolated: each stage in its own JVM
 * through the Lambda runtime interface client, with SIGKILL and SIGSTOP process faults; wired when isolated mode lands
 * (issue 12, item 1), until then asking for it fails the soak at once, saying so.
 */
enum SoakMode {
  IN_PROCESS,
  ISOLATED;

  /** The system property that asks for the isolated mode. */
  static final String PROPERTY = "runnel.soak.isolated";

  /** The mode the soak was asked to run in. */
  static SoakMode current() {
    return Boolean.getBoolean(PROPERTY) ? ISOLATED : IN_PROCESS;
  }

  /** Fails when this mode cannot run yet: the isolated mode is not wired. */
  SoakMode requireRunnable() {
    if (this == ISOLATED) {
      throw new IllegalStateException("-D" + PROPERTY + " asks for stages in their own JVMs with process faults,"
          + " which this build cannot run yet (issue 12, item 1: isolated stages); run the soak without it");
    }
    return this;
  }
}
