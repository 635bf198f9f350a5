package dev.runnel.faults.run;

import java.util.List;

/**
 * How one sink of the faulty run differs from the reference.
 *
 * @param sink          the sink's name ("dead letters" for the dead-letter table)
 * @param kind          table, stream or dead-letters
 * @param expected      records (items) in the reference
 * @param actual        records in the faulty run, after dropping duplicates by identity for a stream
 * @param lost          records of the reference missing from the faulty run
 * @param duplicated    records the faulty run has more of than the reference (a changed table item counts as one lost
 *                      and one duplicated)
 * @param rawDuplicates stream records written more than once (same identity), dropped by dedup
 * @param rawMissing    records of the reference missing even before dedup (must be 0: dedup only drops copies)
 * @param examples      a few differing records, prefixed "lost: " or "duplicated: "
 */
public record SinkDiff(String sink, String kind, int expected, int actual, int lost, int duplicated,
    int rawDuplicates, int rawMissing, List<String> examples) {
  public SinkDiff {
    examples = List.copyOf(examples);
  }

  /** True if nothing was lost or duplicated. */
  public boolean exact() {
    return lost == 0 && duplicated == 0 && rawMissing == 0;
  }

  @Override
  public String toString() {
    return String.format("%-28s %-12s expected %4d, got %4d: lost %d, duplicated %d (written twice and deduped: %d)%s",
        sink, kind, expected, actual, lost, duplicated, rawDuplicates,
        examples.isEmpty() ? "" : "\n      " + String.join("\n      ", examples));
  }
}
