package dev.runnel.faults;

/** Thrown by the harness to crash an invocation at a chosen point, as a timeout or an out-of-memory would. */
public final class InjectedCrash extends RuntimeException {
  /** A crash described by {@code where}. */
  public InjectedCrash(String where) {
    super("injected crash: " + where, null, false, false);
  }
}
