package dev.runnel.functions.batch;

import dev.runnel.functions.output.Emission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure result of processing one batch, before anything is written: one {@link ProcessedRecord} per input record,
 * in input order.
 *
 * @param records     the outcome of each input record
 * @param filteredOut how many records filters dropped, over all operators of the successful input records
 * @param skipped     input records skipped because their effect on keyed state was already committed (a replay) or
 *                    they duplicate an upstream record already applied
 */
public record ProcessedBatch(List<ProcessedRecord> records, long filteredOut, long skipped) {
  public ProcessedBatch {
    records = List.copyOf(records);
  }

  /** A batch with no skipped records. */
  public ProcessedBatch(List<ProcessedRecord> records, long filteredOut) {
    this(records, filteredOut, 0);
  }

  /** How many records each output receives, by output name, in first-seen order. */
  public Map<String, Long> emittedPerOutput() {
    Map<String, Long> counts = new LinkedHashMap<>();
    String output = null; // the output of the current run of emissions, counted in run, merged when it ends
    long run = 0;
    for (ProcessedRecord record : records) {
      for (Emission emission : record.emissions()) {
        if (!emission.output().equals(output)) {
          if (run > 0) {
            counts.merge(output, run, Long::sum);
          }
          output = emission.output();
          run = 0;
        }
        run++;
      }
    }
    if (run > 0) {
      counts.merge(output, run, Long::sum);
    }
    return counts;
  }

  /** How many input records go to the dead letters. */
  public long failedCount() {
    return records.stream().filter(ProcessedRecord::isFailed).count();
  }
}
