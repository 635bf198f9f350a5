package dev.runnel.functions.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.runnel.functions.codec.JsonLimits;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link KafkaBatchResponse} as Lambda's Kafka event source mapping reads it. */
public final class KafkaBatchResponseJson {
  private static final JsonFactory FACTORY = JsonLimits.factory();

  private KafkaBatchResponseJson() {}

  /** Writes {@code response} to {@code output}, leaving it open. */
  public static void write(KafkaBatchResponse response, OutputStream output) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(output)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeArrayFieldStart("batchItemFailures");
      for (KafkaBatchResponse.ItemFailure failure : response.batchItemFailures()) {
        json.writeStartObject();
        json.writeObjectFieldStart("itemIdentifier");
        json.writeStringField("partition", failure.partition());
        json.writeNumberField("offset", failure.offset());
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }
}
