package dev.runnel.functions.exactlyonce;

import java.util.Map;
import java.util.TreeMap;

/** What one batch or tick asked of the checkpoint table, and what its firing rounds emitted per output. */
final class BatchCounts {
  long checkpointRequests;
  final Map<String, Long> fired = new TreeMap<>();
}
