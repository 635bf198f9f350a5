package dev.runnel.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A file in an emulator's data directory naming the process that writes it (pid and start time, so a reused pid is
 * not mistaken for it). A new start waits for the process named there to exit first: an emulator whose parent was
 * killed still saves its data on the way out, and must finish before the next one reads the directory.
 */
final class DataDirectoryProcess {
  private final Path file;

  /** The marker {@code name} in {@code dataDir}. */
  DataDirectoryProcess(Path dataDir, String name) {
    this.file = dataDir.resolve(name);
  }

  /**
   * Waits until the process the marker names has exited; if it is still running after {@code timeout}, kills it.
   *
   * @return true if a previous process was still running
   */
  boolean awaitPrevious(Duration timeout) {
    Optional<ProcessHandle> previous = previous();
    if (previous.isEmpty()) {
      return false;
    }
    ProcessHandle process = previous.get();
    try {
      process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to exit", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return true;
  }

  /** Names {@code process} as the one writing the directory now. */
  void record(ProcessHandle process) {
    String line = process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("-") + "\n";
    try {
      Files.writeString(file, line, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Optional<ProcessHandle> previous() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
      long pid = Long.parseLong(fields[0]);
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> fields.length > 1
          && p.info().startInstant().map(Instant::toString).orElse("-").equals(fields[1]));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
