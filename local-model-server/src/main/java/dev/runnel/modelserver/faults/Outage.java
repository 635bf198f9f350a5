package dev.runnel.modelserver.faults;

/** Whether the whole server is down, and how it shows. */
public enum Outage {
  /** Up: requests are answered (subject to the fault rules). */
  NONE,
  /** Down: every request gets 503 (ServiceUnavailable) with Retry-After. */
  UNAVAILABLE,
  /** Down: every connection is closed without an answer. */
  DISCONNECT
}
