package dev.runnel.nexmark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own threads so far, read from Linux's {@code /proc/self/task}: the JIT compiler threads and
 * the garbage collector's (with the VM thread, which runs its pauses). Zero where {@code /proc} is not there. Per-thread
 * times tick at Linux's USER_HZ (100 per second), so a figure is good to about 10 ms per thread.
 */
final class JvmThreadsCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** CPU time of the JVM's compiler and collector threads at one moment, nanoseconds. */
  record Sample(long compilerNanos, long collectorNanos) {
    /** What was spent from {@code earlier} to this sample. */
    Sample minus(Sample earlier) {
      return new Sample(compilerNanos - earlier.compilerNanos, collectorNanos - earlier.collectorNanos);
    }
  }

  private JvmThreadsCpu() {}

  /** The CPU time the JVM's compiler and collector threads have used so far. */
  static Sample now() {
    long compiler = 0;
    long collector = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException ended) {
          continue;
        }
        if (isCompiler(name)) {
          compiler += cpuNanos(stat);
        } else if (isCollector(name)) {
          collector += cpuNanos(stat);
        }
      }
    } catch (IOException | UnsupportedOperationException noProc) {
      return new Sample(0, 0);
    }
    return new Sample(compiler, collector);
  }

  /** HotSpot's compiler threads: "C1 CompilerThre", "C2 CompilerThre" (names are cut at 15 characters). */
  static boolean isCompiler(String threadName) {
    return threadName.contains("CompilerThre");
  }

  /** G1's and the other collectors' threads, and the VM thread that runs their pauses. */
  static boolean isCollector(String threadName) {
    return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")
        || threadName.startsWith("ZGC") || threadName.startsWith("Shenandoah");
  }

  /** User plus system time of a {@code stat} line: fields 14 and 15, counted after the parenthesized name. */
  static long cpuNanos(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
  }
}
