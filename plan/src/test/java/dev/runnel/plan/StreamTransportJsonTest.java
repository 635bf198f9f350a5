package dev.runnel.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream's {@code transport}: written only for Kafka topics, absent read as Kinesis, unknown values refused. */
class StreamTransportJsonTest {
  private static Plan plan(StreamTransport sink) {
    var input = new StageInput("orders-in", "orders-in", "x.Order", "json");
    var outs = List.of(new OutputSpec("totals", OutputKind.STREAM, "orders-in", "totals", "user", "x.Order"));
    var stage = new StageSpec("orders-1", input, null, List.of(), outs, List.of(), BatchingSpec.DEFAULT);
    return new Plan(Plan.FORMAT, "orders", "x.OrderJob",
        List.of(new StreamSpec("orders-in", 3, StreamRole.SOURCE, StreamTransport.KAFKA),
            new StreamSpec("totals", 2, StreamRole.SINK, sink)),
        List.of(new TableSpec("orders-dead-letters", TableRole.DEAD_LETTER, "source", "position")),
        List.of(stage));
  }

  @Test
  void onlyTopicsCarryATransportAndItReadsBack() {
    Plan plan = plan(StreamTransport.KINESIS);
    String json = PlanJson.write(plan);

    assertThat(json.split("\"transport\" : \"kafka\"", -1)).hasSize(2);
    assertThat(json).doesNotContain("kinesis");
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(PlanJson.read(json).kafkaTopics()).containsExactly("orders-in");
    assertThat(PlanJson.read(json).stream("totals").orElseThrow().transport()).isEqualTo(StreamTransport.KINESIS);
    assertThat(PlanJson.read(PlanJson.write(plan(StreamTransport.KAFKA))).kafkaTopics())
        .containsExactly("orders-in", "totals");
  }

  @Test
  void anUnknownTransportIsRefusedNotGuessed() {
    String json = PlanJson.write(plan(StreamTransport.KINESIS)).replace("\"kafka\"", "\"pulsar\"");

    assertThatThrownBy(() -> PlanJson.read(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pulsar");
  }

  @Test
  void aTopicNeedsAPartition() {
    assertThatThrownBy(() -> new StreamSpec("t", 0, StreamRole.SINK, StreamTransport.KAFKA))
        .hasMessage("topic t needs at least one partition, not 0");
  }
}
