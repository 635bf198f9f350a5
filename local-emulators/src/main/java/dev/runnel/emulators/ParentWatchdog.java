package dev.runnel.emulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an emulator's command in a small POSIX shell that stops it once this JVM is gone, even after {@code kill -9}:
 * the shell's standard input is a pipe from this JVM, which the kernel closes when the JVM dies; at end of file the
 * shell sends SIGTERM to the emulator and, after a grace period, SIGKILL. The shell exits with the emulator, so a
 * normal stop (SIGTERM to the shell and its descendants) is unchanged. Start the wrapped command with its standard
 * input left a pipe (the ProcessBuilder default) and never close that pipe.
 */
final class ParentWatchdog {
  /**
   * $1: the grace in seconds; the rest: the command. The watcher reads the JVM's pipe on fd 3, since a background job's
   * standard input is /dev/null.
   */
  private static final String SCRIPT = String.join("\n",
      "grace=$1; shift",
      "exec 3<&0",
      "\"$@\" </dev/null &",
      "child=$!",
      "{",
      "  while read -r _ <&3; do :; done",
      "  kill -TERM \"$child\" 2>/dev/null",
      "  waited=0",
      "  while kill -0 \"$child\" 2>/dev/null && [ \"$waited\" -lt \"$grace\" ]; do",
      "    sleep 1; waited=$((waited + 1))",
      "  done",
      "  kill -0 \"$child\" 2>/dev/null && kill -KILL \"$child\" 2>/dev/null",
      "} &",
      "watcher=$!",
      "exec 3<&-",
      "wait \"$child\"",
      "status=$?",
      "kill \"$watcher\" 2>/dev/null",
      "exit $status");

  private ParentWatchdog() {}

  /** {@code command}, run under the watchdog; SIGKILL follows SIGTERM after {@code grace} once this JVM is gone. */
  static List<String> wrap(List<String> command, Duration grace) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", SCRIPT, "runnel-watchdog",
        Long.toString(Math.max(1, grace.toSeconds()))));
    wrapped.addAll(command);
    return wrapped;
  }
}
