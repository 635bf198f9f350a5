package dev.runnel.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.runnel.functions.batch.KinesisEventJson;
import dev.runnel.functions.codec.RunnelJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The stage handler taking Lambda's event as bytes: Runnel parses the Kinesis event itself ({@link KinesisEventJson})
 * instead of the runtime building a {@code KinesisEvent}, then runs {@link StageHandler} on the records, and writes
 * the same response JSON. Not yet used by the generated templates (docs/record-path.md).
 */
public final class StageStreamHandler implements RequestStreamHandler {
  private final StageHandler handler;

  /** For AWS Lambda: the stage handler configured by the environment, as {@link StageHandler#StageHandler()}. */
  public StageStreamHandler() {
    this(new StageHandler());
  }

  /** A stream handler in front of {@code handler}. */
  public StageStreamHandler(StageHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    StreamsEventResponse response = handler.handleRecords(KinesisEventJson.parse(input), context);
    try (JsonGenerator json = RunnelJson.MAPPER.getFactory().createGenerator(output)) {
      json.writeStartObject();
      json.writeArrayFieldStart("batchItemFailures");
      for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
        json.writeStartObject();
        json.writeStringField("itemIdentifier", failure.getItemIdentifier());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }
}
