package dev.runnel.faults.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a faulty run with the reference: table sinks item for item, stream sinks as multisets of payloads after
 * dropping duplicates by record identity (firing outputs of windows and timers included: their identities name the
 * round and key), dead letters as multisets of (stage, error type, payload), every key's committed state values
 * (windows and event-time timers included), and where the windowed stages' watermarks ended, with no round pending.
 */
final class OutputComparison {
  private static final int EXAMPLES = 5;

  private OutputComparison() {}

  static List<SinkDiff> compare(RunOutput reference, RunOutput faulty) {
    List<SinkDiff> diffs = new ArrayList<>();
    for (String sink : new TreeSet<>(reference.tables().keySet())) {
      List<String> actual = faulty.tables().getOrDefault(sink, List.of());
      diffs.add(diff(sink, "table", reference.tables().get(sink), actual, 0, 0));
    }
    for (String sink : new TreeSet<>(reference.streams().keySet())) {
      List<String> expected = payloads(dedup(reference.streams().get(sink)));
      List<SinkRecord> raw = faulty.streams().getOrDefault(sink, List.of());
      List<String> deduped = payloads(dedup(raw));
      int rawMissing = missing(counts(expected), counts(payloads(raw)));
      diffs.add(diff(sink, "stream", expected, deduped, raw.size() - deduped.size(), rawMissing));
    }
    diffs.add(diff("dead letters", "dead-letters", reference.deadLetters(), faulty.deadLetters(), 0, 0));
    if (!reference.keyedState().isEmpty()) {
      diffs.add(diff("keyed state", "state", reference.keyedState(), faulty.keyedState(), 0, 0));
    }
    if (!reference.stageTime().isEmpty()) {
      diffs.add(diff("stage time", "time", reference.stageTime(), faulty.stageTime(), 0, 0));
    }
    return diffs;
  }

  /** The records with the first copy of each identity kept; records without an identity are all kept. */
  static List<SinkRecord> dedup(List<SinkRecord> records) {
    Set<String> seen = new HashSet<>();
    List<SinkRecord> kept = new ArrayList<>(records.size());
    for (SinkRecord record : records) {
      if (record.identity().map(seen::add).orElse(true)) {
        kept.add(record);
      }
    }
    return kept;
  }

  private static SinkDiff diff(String sink, String kind, List<String> expected, List<String> actual,
      int rawDuplicates, int rawMissing) {
    Map<String, Integer> want = counts(expected);
    Map<String, Integer> got = counts(actual);
    List<String> examples = new ArrayList<>();
    List<String> extraExamples = new ArrayList<>();
    int lost = 0;
    int duplicated = 0;
    for (Map.Entry<String, Integer> e : want.entrySet()) {
      int missing = e.getValue() - got.getOrDefault(e.getKey(), 0);
      if (missing > 0) {
        lost += missing;
        example(examples, "lost x" + missing + ": " + e.getKey());
      }
    }
    for (Map.Entry<String, Integer> e : got.entrySet()) {
      int extra = e.getValue() - want.getOrDefault(e.getKey(), 0);
      if (extra > 0) {
        duplicated += extra;
        example(extraExamples, "duplicated x" + extra + ": " + e.getKey());
      }
    }
    examples.addAll(extraExamples);
    return new SinkDiff(sink, kind, expected.size(), actual.size(), lost, duplicated, rawDuplicates, rawMissing,
        examples);
  }

  private static void example(List<String> examples, String line) {
    if (examples.size() < EXAMPLES) {
      examples.add(line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }
  }

  private static int missing(Map<String, Integer> want, Map<String, Integer> got) {
    return want.entrySet().stream().mapToInt(e -> Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0)))
        .sum();
  }

  private static List<String> payloads(List<SinkRecord> records) {
    return records.stream().map(SinkRecord::data).toList();
  }

  private static Map<String, Integer> counts(List<String> values) {
    Map<String, Integer> counts = new HashMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts;
  }
}
