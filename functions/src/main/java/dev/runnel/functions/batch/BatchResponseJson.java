package dev.runnel.functions.batch;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.runnel.functions.codec.JsonLimits;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a batch response ({@code ReportBatchItemFailures}) as the Java runtime serializes a handler's
 * {@link StreamsEventResponse}, byte for byte: {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, null
 * values left out as the runtime's Jackson leaves them out ({@code {}} for a null list).
 */
public final class BatchResponseJson {
  private static final JsonFactory FACTORY = JsonLimits.factory();

  private BatchResponseJson() {}

  /** Writes {@code response} to {@code output}, leaving it open. */
  public static void write(StreamsEventResponse response, OutputStream output) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      if (response.getBatchItemFailures() != null) {
        json.writeArrayFieldStart("batchItemFailures");
        for (BatchItemFailure failure : response.getBatchItemFailures()) {
          json.writeStartObject();
          if (failure.getItemIdentifier() != null) {
            json.writeStringField("itemIdentifier", failure.getItemIdentifier());
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }
}
