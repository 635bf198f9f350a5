package dev.runnel.functions.output;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.deadletter.StepFailure;

/** Encodes the records of one output's node for its target, checking keys and size limits. Thread-safe. */
public interface OutputEncoder {
  /** The output's name. */
  String name();

  /** The node whose records this output writes. */
  String from();

  /** Encodes one record that {@code input} produced; a failure sends {@code input} to the dead letters. */
  Emission encode(Object record, InputRecord input) throws StepFailure;
}
