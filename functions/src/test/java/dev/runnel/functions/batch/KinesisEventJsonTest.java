package dev.runnel.functions.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.runnel.checkpointing.identity.LanedRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runnel's own parse of Lambda's Kinesis event makes the records the runtime's KinesisEvent makes. */
class KinesisEventJsonTest {
  private static final PojoSerializer<KinesisEvent> RUNTIME =
      LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEventJsonTest.class.getClassLoader());

  private static String record(String partitionKey, byte[] data, String arrival, String sequence) {
    return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"" + partitionKey
        + "\",\"sequenceNumber\":\"" + sequence + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data)
        + "\",\"approximateArrivalTimestamp\":" + arrival + ",\"extra\":{\"nested\":[1,2,{\"a\":null}]}},"
        + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\"shardId-000000000003:" + sequence
        + "\",\"eventName\":\"aws:kinesis:record\",\"awsRegion\":\"us-east-1\","
        + "\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/clicks\"}";
  }

  private static byte[] event(String... records) {
    return ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  /** A record as a comparable list: position, key, payload text and arrival. */
  private static List<Object> fields(InputRecord r) {
    return List.of(r.shardId(), r.sequenceNumber(), String.valueOf(r.partitionKey()),
        new String(r.data(), StandardCharsets.UTF_8), r.arrivalMillis());
  }

  @Test
  void theRecordsAreTheOnesTheRuntimesKinesisEventMakes() throws IOException {
    byte[] laned = LanedRecord.wrap("count-1|shardId-000000000000|49|0|7|-|-",
        "{\"user\":\"u7\"}".getBytes(StandardCharsets.UTF_8));
    byte[] json = event(
        record("user-1", "{\"user\":\"u1\",\"city\":\"Z\\u00fcrich\"}".getBytes(StandardCharsets.UTF_8),
            "1767225600.123", "49000000000000000000000000000001"),
        record("k\\u00e9\\\"y", new byte[0], "1767225601", "49000000000000000000000000000002"),
        record(LanedRecord.laneKey("u7"), laned, "0", "49000000000000000000000000000003"),
        record("user-4", "{}".getBytes(StandardCharsets.UTF_8), "1767225602.999", "4"),
        // the form Lambda's own samples show: a double in exponent notation
        record("user-5", "{}".getBytes(StandardCharsets.UTF_8), "1.545084650987E9", "5"));

    List<InputRecord> ours = KinesisEventJson.parse(json);
    List<InputRecord> runtimes = InputRecords.of(RUNTIME.fromJson(new ByteArrayInputStream(json)));

    assertThat(ours).hasSize(5);
    assertThat(ours).extracting(KinesisEventJsonTest::fields)
        .containsExactlyElementsOf(runtimes.stream().map(KinesisEventJsonTest::fields).toList());
    assertThat(ours.get(0).arrivalMillis()).isEqualTo(1_767_225_600_123L);
    assertThat(ours.get(1).partitionKey()).isEqualTo("ké\"y");
    assertThat(ours.get(2).partitionKey()).isEqualTo("count-1|shardId-000000000000|49|0|7|-|-");
  }

  @Test
  void anEventWithoutRecordsGivesNoneAndAMalformedOneFails() throws IOException {
    assertThat(KinesisEventJson.parse("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(KinesisEventJson.parse(new ByteArrayInputStream(event()))).isEmpty();
    assertThatThrownBy(() -> KinesisEventJson.parse("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("the event is not a JSON object");
    assertThatThrownBy(() -> KinesisEventJson.parse(event("{\"kinesis\":{\"partitionKey\":\"k\"}}")))
        .isInstanceOf(IOException.class).hasMessageContaining("no kinesis.sequenceNumber");
  }
}
