package dev.runnel.functions.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runnel.checkpointing.identity.LanedRecord;
import dev.runnel.functions.codec.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Kinesis event JSON Lambda sends a function straight into {@link InputRecord}s, each base64 payload
 * decoded into the record's bytes, without the runtime's {@code KinesisEvent}: the records are the ones
 * {@link InputRecords#of(com.amazonaws.services.lambda.runtime.events.KinesisEvent)} makes of the runtime's parse
 * of the same JSON (arrival times included: seconds × 1,000, truncated).
 */
public final class KinesisEventJson {
  private static final JsonFactory FACTORY = JsonLimits.factory();

  private KinesisEventJson() {}

  /** The records of an event; an event without records gives an empty list. */
  public static List<InputRecord> parse(InputStream json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return records(parser);
    }
  }

  /** As above, from the event's bytes. */
  public static List<InputRecord> parse(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return records(parser);
    }
  }

  private static List<InputRecord> records(JsonParser parser) throws IOException {
    List<InputRecord> records = new ArrayList<>();
    expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the event");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("Records".equals(field) && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          records.add(record(parser));
        }
      } else {
        parser.skipChildren();
      }
    }
    return records;
  }

  /** One element of {@code Records}, the parser at its start. */
  private static InputRecord record(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "an event record");
    String eventId = null;
    String partitionKey = null;
    String sequenceNumber = null;
    byte[] data = null;
    long arrivalMillis = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("eventID".equals(field)) {
        eventId = parser.getValueAsString();
      } else if ("kinesis".equals(field) && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken token = parser.nextToken();
          switch (name) {
            case "partitionKey" -> partitionKey = parser.getValueAsString();
            case "sequenceNumber" -> sequenceNumber = parser.getValueAsString();
            case "data" -> data = token == JsonToken.VALUE_NULL ? null : parser.getBinaryValue();
            case "approximateArrivalTimestamp" -> arrivalMillis = (long) (parser.getValueAsDouble() * 1000.0);
            default -> parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    if (sequenceNumber == null) {
      throw new JsonParseException(parser, "an event record has no kinesis.sequenceNumber");
    }
    LanedRecord read = LanedRecord.read(partitionKey, data == null ? new byte[0] : data);
    return new InputRecord(InputRecords.shardId(eventId), sequenceNumber, read.identityKey(), read.data(),
        arrivalMillis);
  }

  private static void expect(JsonParser parser, JsonToken token, JsonToken expected, String what)
      throws JsonParseException {
    if (token != expected) {
      throw new JsonParseException(parser, what + " is not a JSON object (found " + token + ")");
    }
  }
}
