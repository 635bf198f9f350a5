package dev.runnel.functions.batch;

import dev.runnel.functions.deadletter.RecordFailure;
import dev.runnel.functions.output.Emission;
import java.util.List;
import java.util.Objects;

/**
 * What processing made of one input record: either all its emissions, or a failure and no emission at all.
 *
 * @param input     the input record
 * @param emissions every record it sends to the stage's outputs (empty when it failed or was filtered out)
 * @param failure   why it goes to the dead letters, or null when it succeeded
 */
public record ProcessedRecord(InputRecord input, List<Emission> emissions, RecordFailure failure) {
  public ProcessedRecord {
    Objects.requireNonNull(input, "input");
    emissions = List.copyOf(emissions);
    if (failure != null && !emissions.isEmpty()) {
      throw new IllegalArgumentException("a failed record emits nothing: " + input.position());
    }
  }

  /** A record that was processed; {@code emissions} may be empty. */
  public static ProcessedRecord emitted(InputRecord input, List<Emission> emissions) {
    return new ProcessedRecord(input, emissions, null);
  }

  /** A record for the dead letters. */
  public static ProcessedRecord failed(InputRecord input, RecordFailure failure) {
    return new ProcessedRecord(input, List.of(), Objects.requireNonNull(failure, "failure"));
  }

  /** True when the record goes to the dead letters. */
  public boolean isFailed() {
    return failure != null;
  }
}
