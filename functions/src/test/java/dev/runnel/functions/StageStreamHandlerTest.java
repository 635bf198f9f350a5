package dev.runnel.functions;

import static dev.runnel.functions.fixtures.ShopPlans.DEAD_LETTERS;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.ShopJob.Line;
import dev.runnel.functions.fixtures.ShopJob.Order;
import dev.runnel.functions.fixtures.ShopPlans;
import dev.runnel.functions.retry.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The stream handler the templates deploy does what the runtime's {@code RequestHandler} path does with the same
 * event: the same outputs and dead letters, and a response of the same bytes, a reported batch item failure included.
 */
class StageStreamHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final PojoSerializer<KinesisEvent> EVENTS =
      LambdaEventSerializers.serializerFor(KinesisEvent.class, StageStreamHandlerTest.class.getClassLoader());
  private static final PojoSerializer<StreamsEventResponse> RESPONSES =
      JacksonFactory.getInstance().getSerializer(StreamsEventResponse.class);

  /** One handler with its own fakes, carol's Kinesis outputs always refused. */
  private record Function(StageHandler handler, FakeKinesis kinesis, FakeDynamoDb dynamoDb) {
    static Function create() {
      FakeKinesis kinesis = new FakeKinesis().failing((call, entry) -> entry.partitionKey().equals("carol"));
      FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of(
          SHIPMENTS_TABLE, List.of("shipmentId"), DEAD_LETTERS, List.of("source", "position")));
      return new Function(new StageHandler(ShopPlans.plan(), ShopPlans.STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }), RetryPolicy.immediate(4), CLOCK),
          kinesis, dynamoDb);
    }

    List<String> shipments() {
      return kinesis.accepted(SHIPMENTS_STREAM).stream().map(PutRecordsRequestEntry::partitionKey).toList();
    }

    List<String> deadLetters() {
      return dynamoDb.items(DEAD_LETTERS).stream().map(i -> i.get("position")).map(AttributeValue::s).toList();
    }
  }

  private static String order(String id, String customer, String country) throws Exception {
    return JSON.writeValueAsString(new Order(id, customer, country, List.of(new Line("A", 2, 600))));
  }

  @Test
  void handlesTheEventsBytesAsTheRuntimePathHandlesItsKinesisEventAndAnswersTheSameBytes() throws Exception {
    KinesisEvent event = KinesisEvents.onShard("shardId-000000000007")
        .add("100", "pk-1", order("o1", "alice", "FR"))
        .add("200", "pk-2", "not json")
        .add("300", "pk-3", order("o3", "carol", "FR"))
        .add("400", "pk-4", order("o4", "dave", "FR"))
        .build();
    ByteArrayOutputStream eventJson = new ByteArrayOutputStream();
    EVENTS.toJson(event, eventJson);

    Function runtimePath = Function.create();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    RESPONSES.toJson(runtimePath.handler().handleRequest(EVENTS.fromJson(
        new ByteArrayInputStream(eventJson.toByteArray())), null), expected);

    Function streamPath = Function.create();
    ByteArrayOutputStream answered = new ByteArrayOutputStream();
    new StageStreamHandler(streamPath.handler())
        .handleRequest(new ByteArrayInputStream(eventJson.toByteArray()), answered, null);

    assertThat(answered.toString(StandardCharsets.UTF_8))
        .isEqualTo(expected.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"}]}");
    assertThat(streamPath.shipments()).containsExactly("alice", "dave").isEqualTo(runtimePath.shipments());
    assertThat(streamPath.deadLetters()).containsExactly("200").isEqualTo(runtimePath.deadLetters());
    assertThat(streamPath.handler().metrics().recordsIn()).isEqualTo(4);
  }
}
