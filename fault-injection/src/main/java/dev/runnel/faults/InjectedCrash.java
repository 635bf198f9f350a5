package dev.runnel.faults;

import dev.runnel.functions.exactlyonce.SimulatedCrash;

/** Thrown by the harness to crash an invocation at a chosen point, as a timeout or an out-of-memory would. */
public final class InjectedCrash extends SimulatedCrash {
  private static final long serialVersionUID = 1L;

  /** A crash described by {@code where}. */
  public InjectedCrash(String where) {
    super("injected crash: " + where, false);
  }
}
