package dev.runnel.localrunner.run;

/** Follows a local run while it goes, for example to show it on a live dashboard. */
@FunctionalInterface
public interface RunObserver {
  /** Observes nothing. */
  RunObserver NONE = run -> { };

  /**
   * Called once, on the run's thread, when every stage's mapping and ticker has started and before the inputs are
   * fed. {@code run} may be read from any thread until the run's emulators stop; it must not be read after.
   */
  void started(LiveRun run);
}
