package dev.runnel.localrunner.provision;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.planner.Planner;
import org.junit.jupiter.api.Test;

/** A provisioner without a Kafka cluster refuses a job with topics before anything is created, not run on Kinesis. */
class KafkaProvisionRefusedTest {
  @StreamingJob("kafka-out")
  public static class KafkaOut {
    @Source(stream = "orders-in") public record Order(String id) {}

    @MapEach(from = "orders-in") @Sink(topic = "orders-out")
    public Order same(Order order) {
      return order;
    }
  }

  @Test
  void aPlanWithTopicsIsRefusedBeforeAnyClientIsUsed() {
    Provisioner provisioner = new Provisioner(null, null); // any call on a client would throw a NullPointerException

    assertThatThrownBy(() -> provisioner.provision(Planner.plan(KafkaOut.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job kafka-out uses the Kafka topics [orders-out]")
        .hasMessageContaining("docs/kafka.md");
  }
}
