package dev.runnel.functions.kafka;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.functions.codec.JsonLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the Kafka event JSON Lambda sends a function into the events library's {@link KafkaEvent}, as the Java
 * runtime would: fields it does not know (new ones Lambda adds) are ignored, header values are arrays of byte values.
 */
public final class KafkaEventJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonLimits.factory())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private KafkaEventJson() {}

  /** The event in {@code json}. */
  public static KafkaEvent parse(InputStream json) throws IOException {
    return MAPPER.readValue(json, KafkaEvent.class);
  }
}
