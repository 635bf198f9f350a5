package dev.runnel.locallambda;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kinesis events and batch responses on the wire between the event source mapping and a function: the event as
 * Lambda sends it ({@code Records[].kinesis.data} in base64, written by the serializer the runtime interface client
 * reads it with), the response as {@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}}.
 */
final class KinesisEventJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PojoSerializer<KinesisEvent> events =
      LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEventJson.class.getClassLoader());

  /** The event's JSON. */
  byte[] write(KinesisEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    events.toJson(event, out);
    return out.toByteArray();
  }

  /** The event {@code json} is (for tests: what a function would read). */
  KinesisEvent read(byte[] json) {
    return events.fromJson(new java.io.ByteArrayInputStream(json));
  }

  /** The function's answer; an empty or null answer or failure list means the whole batch succeeded. */
  static StreamsEventResponse response(byte[] body) {
    List<BatchItemFailure> failures = new ArrayList<>();
    try {
      JsonNode root = body.length == 0 ? null : JSON.readTree(body);
      JsonNode items = root == null ? null : root.get("batchItemFailures");
      if (items != null && items.isArray()) {
        for (JsonNode item : items) {
          JsonNode id = item.get("itemIdentifier");
          failures.add(new BatchItemFailure(id == null || id.isNull() ? null : id.asText()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the function's answer is not a batch response: "
          + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
    }
    return new StreamsEventResponse(failures);
  }
}
