package dev.runnel.infra.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.planner.Planner;
import org.junit.jupiter.api.Test;

/** Until templates carry Kafka event source mappings, a job with topics is refused, not deployed on Kinesis. */
class KafkaStackRefusedTest {
  @StreamingJob("kafka-in")
  public static class KafkaIn {
    @Source(topic = "orders", partitions = 3) public record Order(String id) {}

    @MapEach(from = "orders") @Sink(stream = "orders-out")
    public Order same(Order order) {
      return order;
    }
  }

  @Test
  void aPlanWithTopicsIsRefusedNamingThem() {
    assertThatThrownBy(() -> StackModel.of(Planner.plan(KafkaIn.class), DeploymentSettings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job kafka-in uses the Kafka topics [orders]")
        .hasMessageContaining("docs/kafka.md");
  }
}
