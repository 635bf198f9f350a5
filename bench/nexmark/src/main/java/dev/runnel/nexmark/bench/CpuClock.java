package dev.runnel.nexmark.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Process CPU time, and the CPU time of work that is not the function's (generating events, the Kinesis stand-in,
 * building Lambda's event), measured on the calling thread and subtracted. The JIT compiler's and the garbage
 * collector's threads count for the function, as they would in a Lambda environment.
 */
final class CpuClock {
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long excluded;
  private long parsing;

  /** The process's CPU time so far, nanoseconds. */
  long processNanos() {
    return os.getProcessCpuTime();
  }

  /** The calling thread's CPU time so far, nanoseconds. */
  long threadNanos() {
    return threads.getCurrentThreadCpuTime();
  }

  /** Counts the calling thread's CPU since {@code startedAt} ({@link #threadNanos()}) as not the function's. */
  void exclude(long startedAt) {
    excluded += threadNanos() - startedAt;
  }

  /** Counts the calling thread's CPU since {@code startedAt} as the parsing of Lambda's event JSON. */
  void parsing(long startedAt) {
    parsing += threadNanos() - startedAt;
  }

  /** CPU excluded so far, nanoseconds. */
  long excludedNanos() {
    return excluded;
  }

  /** CPU spent parsing Lambda's event JSON so far, nanoseconds. */
  long parsingNanos() {
    return parsing;
  }
}
