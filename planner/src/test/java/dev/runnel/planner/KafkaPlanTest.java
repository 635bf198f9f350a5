package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Transport;
import dev.runnel.api.ValueState;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.StreamTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka topics as sources, sinks and repartition edges: planned, carried in the plan JSON, explained, checked. */
class KafkaPlanTest {
  /** Kafka in, Kafka between the stages, Kafka out: the classic topic-processor-topic shape. */
  @StreamingJob(value = "kafka-orders", edges = Transport.KAFKA)
  public static class KafkaOnly {
    @Source(topic = "orders", partitions = 3) public record Order(String user, long cents) {}

    public record Total(String user, long cents) {}

    @MapEach(from = "orders") @KeyBy(value = "user", shards = 6)
    public Order byUser(Order order) {
      return order;
    }

    @KeyedProcess(from = "byUser") @Sink(topic = "totals", key = "user", partitions = 2)
    public Total total(Order order, @State("cents") ValueState<Long> cents) {
      long sum = cents.valueOr(0L) + order.cents();
      cents.update(sum);
      return new Total(order.user(), sum);
    }
  }

  /** Kinesis in and between the stages, Kafka out (and a Kinesis sink beside it). */
  @StreamingJob("mixed-orders")
  public static class Mixed {
    @Source(stream = "orders-in", shards = 2) @KeyBy("user") public record Order(String user, long cents) {}

    @MapEach(from = "orders-in") @Sink(topic = "orders-out", key = "user") @Sink(stream = "orders-copy")
    public Order same(Order order) {
      return order;
    }
  }

  @Test
  void aKafkaOnlyJobPlansTopicsForItsSourceItsEdgeAndItsSink() {
    Plan plan = Planner.plan(KafkaOnly.class);

    assertThat(plan.streams()).containsExactly(
        new StreamSpec("orders", 3, StreamRole.SOURCE, StreamTransport.KAFKA),
        new StreamSpec("kafka-orders-byUser", 6, StreamRole.REPARTITION, StreamTransport.KAFKA),
        new StreamSpec("totals", 2, StreamRole.SINK, StreamTransport.KAFKA));
    assertThat(plan.stages()).hasSize(2);
    assertThat(plan.stages().get(0).input().stream()).isEqualTo("orders");
    assertThat(plan.stages().get(1).input().stream()).isEqualTo("kafka-orders-byUser");
    OutputSpec sink = plan.stages().get(1).outputs().get(0);
    assertThat(sink.kind()).isEqualTo(OutputKind.STREAM);
    assertThat(sink.target()).isEqualTo("totals");
    assertThat(sink.keyField()).isEqualTo("user");
  }

  @Test
  void theTransportIsWrittenForTopicsOnlyAndReadBack() {
    Plan kafka = Planner.plan(KafkaOnly.class);
    String json = PlanJson.write(kafka);

    assertThat(json).contains("\"transport\" : \"kafka\"");
    assertThat(PlanJson.read(json)).isEqualTo(kafka);

    Plan mixed = Planner.plan(Mixed.class);
    String mixedJson = PlanJson.write(mixed);
    assertThat(mixedJson.split("\"transport\"", -1)).hasSize(2); // the one topic, orders-out
    assertThat(PlanJson.read(mixedJson)).isEqualTo(mixed);
    assertThat(PlanJson.write(Planner.plan(SourceIdPlanTest.Stateless.class))).doesNotContain("transport");
  }

  @Test
  void aMixedJobKeepsKinesisWhereItSaysNothingAndWritesTheTopicItNames() {
    Plan plan = Planner.plan(Mixed.class);

    assertThat(plan.stream("orders-in").orElseThrow().transport()).isEqualTo(StreamTransport.KINESIS);
    assertThat(plan.stream("mixed-orders-orders-in").orElseThrow().transport())
        .isEqualTo(StreamTransport.KINESIS);
    assertThat(plan.stream("orders-out").orElseThrow()).isEqualTo(
        new StreamSpec("orders-out", 1, StreamRole.SINK, StreamTransport.KAFKA));
    assertThat(plan.stream("orders-copy").orElseThrow().kafka()).isFalse();
  }

  @Test
  void explainNamesTopicsAndPartitions() {
    String text = Explainer.text(Planner.plan(KafkaOnly.class));

    assertThat(text).contains("reads topic orders (3 partitions, Order, json)")
        .contains("=> repartition topic kafka-orders-byUser (key user) -> next stage")
        .contains("reads topic kafka-orders-byUser (6 partitions, Order, json, keyed by user)")
        .contains("-> topic totals (key user) [sink totals]");
    String mixed = Explainer.text(Planner.plan(Mixed.class));
    assertThat(mixed).contains("reads orders-in (2 shards,").contains("-> topic orders-out (key user)")
        .contains("-> stream orders-copy [sink orders-copy]");
    assertThat(Explainer.mermaid(Planner.plan(KafkaOnly.class))).contains("\"topic orders<br/>3 partitions\"]");
  }

  @StreamingJob("both")
  public static class StreamAndTopic {
    @Source(stream = "a-stream", topic = "a-topic") @Sink(console = true) public record In(String id) {}
  }

  @StreamingJob("neither")
  public static class Neither {
    @Source(shards = 2) @Sink(console = true) public record In(String id) {}
  }

  @StreamingJob("topic-shards")
  public static class TopicWithShards {
    @Source(topic = "in-topic", shards = 4) @Sink(console = true) public record In(String id) {}
  }

  @StreamingJob("stream-partitions")
  public static class StreamWithPartitions {
    @Source(stream = "in-stream") @Sink(stream = "out-stream", partitions = 4) public record In(String id) {}
  }

  @StreamingJob("bad-topic")
  public static class BadTopicName {
    @Source(topic = "orders/eu") @Sink(topic = "out", partitions = 0) public record In(String id) {}
  }

  @StreamingJob("same-name")
  public static class SameNameTwice {
    @Source(topic = "in-topic") @Sink(topic = "results") @Sink(name = "copy", stream = "results")
    public record In(String id) {}
  }

  @StreamingJob(value = "kafka-lanes", edges = Transport.KAFKA)
  public static class LanesOverKafka {
    @Source(topic = "in-topic") @KeyBy(value = "id", parallelization = 4) public record In(String id) {}

    @KeyedProcess(from = "in-topic") @Sink(table = "seen", key = "id")
    public In seen(In in, @State("n") ValueState<Long> n) {
      return in;
    }
  }

  @Test
  void aSourceSetsExactlyOneOfStreamAndTopic() {
    assertThat(onlyProblem(StreamAndTopic.class).problem()).isEqualTo("@Source sets both stream and topic");
    JobProblem neither = onlyProblem(Neither.class);
    assertThat(neither.problem()).isEqualTo("@Source sets neither stream nor topic");
    assertThat(neither.fix()).contains("@Source(topic = \"...\") for a Kafka topic");
  }

  @Test
  void shardsAreForStreamsAndPartitionsForTopics() {
    JobProblem topic = onlyProblem(TopicWithShards.class);
    assertThat(topic.problem()).isEqualTo("the topic source 'in-topic' sets shards = 4, which is for streams");
    assertThat(topic.fix()).isEqualTo("Use partitions = 4 instead.");
    JobProblem stream = onlyProblem(StreamWithPartitions.class);
    assertThat(stream.problem()).isEqualTo("a @Sink sets partitions = 4 but no topic");
  }

  @Test
  void topicNamesAndPartitionCountsAreChecked() {
    List<JobProblem> problems = problems(BadTopicName.class);
    assertThat(problems).extracting(JobProblem::problem).containsExactly(
        "source topic 'orders/eu' is not a valid Kafka topic name for Runnel",
        "@Sink(partitions) is 0");
  }

  @Test
  void oneNameIsEitherAStreamOrATopic() {
    JobProblem problem = onlyProblem(SameNameTwice.class);
    assertThat(problem.problem()).contains("writes to 'results' as a Kinesis stream, but")
        .contains("writes to it as a Kafka topic");
  }

  @Test
  void aKafkaEdgeHasNoParallelLanes() {
    JobProblem problem = onlyProblem(LanesOverKafka.class);
    assertThat(problem.problem()).contains("reads the Kafka topic 'kafka-lanes-in-topic'")
        .contains("no ParallelizationFactor");
  }

  private static JobProblem onlyProblem(Class<?> job) {
    List<JobProblem> problems = problems(job);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  private static List<JobProblem> problems(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning " + job.getSimpleName()).isNotNull();
    return thrown.problems();
  }
}
