package dev.runnel.nexmark.bench;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.InputRecords;
import dev.runnel.functions.batch.KinesisEventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A way a stage function turns Lambda's Kinesis event JSON into the {@link InputRecord}s {@code StageHandler} runs:
 * the Java runtime's {@code KinesisEvent} (what a {@code RequestHandler} gets) copied by {@link InputRecords}, or
 * Runnel's own {@link KinesisEventJson} (what {@code StageStreamHandler} does).
 */
enum EventParser {
  /** aws-lambda-java-serialization's parse into a {@code KinesisEvent}, then {@link InputRecords#of}. */
  RUNTIME("runtime KinesisEvent") {
    private final LambdaEventJson events = new LambdaEventJson();

    @Override
    List<InputRecord> records(byte[] json) {
      return InputRecords.of(events.parse(json));
    }
  },
  /** {@link KinesisEventJson}: the event's bytes straight into records. */
  RUNNEL("runnel KinesisEventJson") {
    @Override
    List<InputRecord> records(byte[] json) {
      try {
        return KinesisEventJson.parse(json);
      } catch (IOException e) {
        throw new UncheckedIOException("an event the bench built does not parse", e);
      }
    }
  };

  private final String label;

  EventParser(String label) {
    this.label = label;
  }

  /** How tables name it. */
  String label() {
    return label;
  }

  /** The records of one event's JSON. */
  abstract List<InputRecord> records(byte[] json);
}
