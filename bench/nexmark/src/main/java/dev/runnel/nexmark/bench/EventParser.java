package dev.runnel.nexmark.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.InputRecords;
import dev.runnel.functions.batch.KinesisEventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A way a stage function turns Lambda's Kinesis event JSON into the {@link InputRecord}s {@code StageHandler} runs:
 * the Java runtime's {@code KinesisEvent} (what a {@code RequestHandler} gets) copied by {@link InputRecords}, or
 * Runnel's own {@link KinesisEventJson} (what {@code StageStreamHandler} does).
 */
enum EventParser {
  /**
   * aws-lambda-java-serialization's parse into a {@code KinesisEvent}, as the Java runtime does before calling a
   * {@code RequestHandler}, then {@link InputRecords#of}, as {@code StageHandler.handleRequest} does.
   */
  RUNTIME("runtime KinesisEvent") {
    private final PojoSerializer<KinesisEvent> serializer =
        LambdaEventSerializers.serializerFor(KinesisEvent.class, EventParser.class.getClassLoader());

    @Override
    List<InputRecord> records(byte[] json) {
      return InputRecords.of(serializer.fromJson(new ByteArrayInputStream(json)));
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
