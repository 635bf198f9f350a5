package dev.runnel.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.summary.RunSummary;
import java.util.List;

/** What a sink of a local run received, read back as the job's record type. */
public final class SinkRecords {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SinkRecords() {}

  /** Every record (table item, stream record or console line) of the sink named {@code sink}, as {@code type}. */
  public static <T> List<T> of(RunSummary summary, String sink, Class<T> type) {
    return summary.sink(sink).orElseThrow(() -> new AssertionError("no sink " + sink)).records().stream()
        .map(json -> {
          try {
            return JSON.readValue(json, type);
          } catch (Exception e) {
            throw new AssertionError("sink " + sink + " holds something that is not a " + type.getSimpleName()
                + ": " + json, e);
          }
        }).toList();
  }
}
