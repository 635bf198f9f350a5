package dev.runnel.infra.stack;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Transport;
import dev.runnel.api.ValueState;
import dev.runnel.planner.Planner;
import dev.runnel.plan.Plan;

/** Jobs with Kafka topics for the template tests: Kafka only (topic, topic edge, topic), and Kinesis in, Kafka out. */
public final class KafkaJobs {
  private KafkaJobs() {}

  /** Topic in, a topic between the stages, topic out; keyed state, so exactly once. */
  @StreamingJob(value = "kafka-totals", edges = Transport.KAFKA)
  public static class KafkaTotals {
    @Source(topic = "payments", partitions = 3) public record Payment(String user, long cents) {}

    public record Total(String user, long cents) {}

    @MapEach(from = "payments") @KeyBy(value = "user", shards = 4)
    public Payment byUser(Payment payment) {
      return payment;
    }

    @KeyedProcess(from = "byUser") @Sink(topic = "totals", key = "user", partitions = 2)
    public Total total(Payment payment, @State("cents") ValueState<Long> cents) {
      long sum = cents.valueOr(0L) + payment.cents();
      cents.update(sum);
      return new Total(payment.user(), sum);
    }
  }

  /** A Kinesis source, a Kinesis edge, and a Kafka sink beside a Kinesis one. */
  @StreamingJob("mixed-clicks")
  public static class MixedClicks {
    @Source(stream = "clicks-in", shards = 2) @KeyBy("page") public record Click(String page, long at) {}

    @MapEach(from = "clicks-in") @Sink(topic = "clicks-out", key = "page") @Sink(stream = "clicks-copy")
    public Click same(Click click) {
      return click;
    }
  }

  /** The plan of {@link KafkaTotals}. */
  public static Plan kafkaTotals() {
    return Planner.plan(KafkaTotals.class);
  }

  /** The plan of {@link MixedClicks}. */
  public static Plan mixedClicks() {
    return Planner.plan(MixedClicks.class);
  }
}
