package dev.runnel.faults;

/**
 * How a randomized soak runs its stages, chosen with {@code -Drunnel.soak.isolated} (read here only). In process: the
 * stage handlers run in the test's JVM with simulated crashes. Isolated: each stage function instance and tick
 * function in its own JVM through the Lambda runtime interface client, with real process faults and the runner-side
 * faults of the seed ({@link IsolatedSoak}); only {@link RandomizedFaultsTest} runs isolated.
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

  /** Fails at once when a soak that runs only in process ({@code soak}) was asked to run isolated. */
  SoakMode requireInProcess(String soak) {
    if (this == ISOLATED) {
      throw new IllegalStateException("-D" + PROPERTY + "=true asks for stages in their own JVMs with process faults,"
          + " which only RandomizedFaultsTest runs; run " + soak + " without it");
    }
    return this;
  }
}
