package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.BroadcastState;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.OnBroadcast;
import dev.runnel.api.ReadOnlyBroadcastState;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Transport;
import dev.runnel.api.ValueState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes with broadcast state: each fails planning with the method at fault and what to change. */
class InvalidBroadcastJobsTest {
  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    assertThat(thrown.getMessage()).contains(thrown.problems().get(0).fix());
    return thrown.problems().get(0);
  }

  @Source(stream = "orders") @KeyBy("customer") public record Order(String customer, long amount) {}

  @Source(stream = "rules") public record Rule(String name, long limit) {}

  public record Alert(String customer, String rule) {}

  @StreamingJob("no-handler")
  public static class NoHandler {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }
  }

  @Test
  void anOperatorWithoutOnBroadcast() {
    JobProblem p = onlyProblem(NoHandler.class);
    assertThat(p.problem()).contains("has broadcast = \"rules\" but no @OnBroadcast method keeps its broadcast state");
    assertThat(p.fix()).contains("@OnBroadcast(\"check\") public void name(R rule, BroadcastState<String, R> state)");
  }

  @StreamingJob("no-state")
  public static class BroadcastWithoutState {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order) {
      return List.of();
    }
  }

  @Test
  void broadcastWithoutReadOnlyBroadcastState() {
    JobProblem p = onlyProblem(BroadcastWithoutState.class);
    assertThat(p.problem()).contains("has broadcast = \"rules\" but no ReadOnlyBroadcastState parameter");
    assertThat(p.fix()).contains("Add a parameter ReadOnlyBroadcastState<K, V> rules");
  }

  @StreamingJob("state-only")
  public static class StateWithoutBroadcast {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @KeyedProcess(from = "orders") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, Long> rules) {
      return List.of();
    }
  }

  @Test
  void readOnlyBroadcastStateWithoutBroadcast() {
    JobProblem p = onlyProblem(StateWithoutBroadcast.class);
    assertThat(p.problem()).contains("takes a ReadOnlyBroadcastState but names no broadcast input");
    assertThat(p.fix()).contains("Add broadcast = \"node\" to its @KeyedProcess");
  }

  @StreamingJob("writable")
  public static class WritableInOperator {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules, BroadcastState<String, R> writable) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, R> rules) {
      rules.put(rule.name(), rule);
    }
  }

  @Test
  void aKeyedMethodCannotChangeTheRules() {
    JobProblem p = onlyProblem(WritableInOperator.class);
    assertThat(p.problem()).contains("parameter 3 is a BroadcastState, which only an @OnBroadcast method changes");
    assertThat(p.fix()).contains("Take ReadOnlyBroadcastState<K, V>");
  }

  @StreamingJob("unknown-node")
  public static class UnknownNode {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rule") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, R> rules) {
      rules.put(rule.name(), rule);
    }
  }

  @Test
  void aBroadcastNodeThatDoesNotExist() {
    JobProblem p = onlyProblem(UnknownNode.class);
    assertThat(p.where()).isEqualTo("InvalidBroadcastJobsTest.UnknownNode.check(InvalidBroadcastJobsTest.UnknownNode.O,"
        + " ReadOnlyBroadcastState)");
    assertThat(p.problem()).contains("broadcast = \"rule\" names no source stream or operator");
    assertThat(p.fix()).contains("Use one of [orders, rules, check]");
  }

  @StreamingJob("wrong-record")
  public static class HandlerTakesAnotherType {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, Long> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(O notARule, BroadcastState<String, Long> rules) {}
  }

  @Test
  void aHandlerTakingWhatTheBroadcastNodeDoesNotEmit() {
    JobProblem p = onlyProblem(HandlerTakesAnotherType.class);
    assertThat(p.problem()).contains("its @OnBroadcast method rule takes InvalidBroadcastJobsTest.HandlerTakesAnotherType.O,"
        + " but its broadcast input 'rules' emits InvalidBroadcastJobsTest.HandlerTakesAnotherType.R");
    assertThat(p.fix()).contains("Change that method's first parameter to InvalidBroadcastJobsTest.HandlerTakesAnotherType.R");
  }

  @StreamingJob("types-differ")
  public static class StateTypesDiffer {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, Long> limits) {}
  }

  @Test
  void handlerAndOperatorDeclareDifferentStates() {
    JobProblem p = onlyProblem(StateTypesDiffer.class);
    assertThat(p.problem()).contains("its BroadcastState<String, Long> differs from check's"
        + " ReadOnlyBroadcastState<String, R>");
    assertThat(p.fix()).contains("same key and value types");
  }

  @StreamingJob("keyed-handler")
  public static class HandlerWithKeyedState {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, @State("count") ValueState<Long> count) {}
  }

  @Test
  void aHandlerTakingKeyedState() {
    JobProblem p = onlyProblem(HandlerWithKeyedState.class);
    assertThat(p.problem()).contains("an @OnBroadcast method takes the broadcast record and the BroadcastState");
    assertThat(p.fix()).contains("void rule(R rule, BroadcastState<String, R> state)")
        .contains("It runs for no key, so it has no @State.");
  }

  @StreamingJob("emits")
  public static class HandlerReturnsRecords {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public Alert rule(R rule, BroadcastState<String, R> rules) {
      return null;
    }
  }

  @Test
  void aHandlerThatReturnsRecords() {
    JobProblem p = onlyProblem(HandlerReturnsRecords.class);
    assertThat(p.problem()).contains("an @OnBroadcast method returns nothing, but this one returns");
    assertThat(p.fix()).contains("Return void");
  }

  @StreamingJob("no-target")
  public static class HandlerForAnOperatorWithoutBroadcast {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(stream = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders") @Sink(console = true)
    public List<Alert> check(O order) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, R> rules) {}

    @KeyedProcess(from = "rules") @Sink(console = true)
    public List<Alert> unused(R rule) {
      return List.of();
    }
  }

  @Test
  void anOnBroadcastForAnOperatorWithoutBroadcast() {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class,
        () -> Planner.plan(HandlerForAnOperatorWithoutBroadcast.class));
    JobProblem p = thrown.problems().stream().filter(x -> x.problem().contains("@OnBroadcast")).findFirst()
        .orElseThrow();
    assertThat(p.problem()).contains("@OnBroadcast(\"check\") names").contains("which reads no broadcast input");
    assertThat(p.fix()).contains("Add broadcast = \"node\" and a ReadOnlyBroadcastState<K, V> parameter to check");
  }

  @StreamingJob("loop")
  public static class BroadcastsItsOwnOutput {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "derive") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, R> rules) {}

    @dev.runnel.api.MapEach(from = "check")
    public R derive(Alert alert) {
      return new R(alert.rule(), 1);
    }
  }

  @Test
  void aBroadcastInputDownstreamOfTheOperator() {
    JobProblem p = onlyProblem(BroadcastsItsOwnOutput.class);
    assertThat(p.problem()).contains("its broadcast input 'derive' reads the operator's own output");
    assertThat(p.fix()).contains("Streams flow one way from a source");
  }

  @StreamingJob("same-input")
  public static class BroadcastsItsKeyedInput {
    @Source(stream = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @KeyedProcess(from = "orders", broadcast = "orders") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, O> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(O rule, BroadcastState<String, O> rules) {}
  }

  @Test
  void theKeyedInputBroadcastAsWell() {
    JobProblem p = onlyProblem(BroadcastsItsKeyedInput.class);
    assertThat(p.problem()).contains("reads 'orders' both as its keyed input and as its broadcast input");
    assertThat(p.fix()).contains("Broadcast another node");
  }

  @StreamingJob(value = "broadcast-kafka", edges = Transport.KAFKA)
  public static class BroadcastOverKafkaEdges {
    @Source(topic = "orders") @KeyBy("customer") public record O(String customer, long amount) {}

    @Source(topic = "rules") public record R(String name, long limit) {}

    @KeyedProcess(from = "orders", broadcast = "rules") @Sink(console = true)
    public List<Alert> check(O order, ReadOnlyBroadcastState<String, R> rules) {
      return List.of();
    }

    @OnBroadcast("check")
    public void rule(R rule, BroadcastState<String, R> rules) {
      rules.put(rule.name(), rule);
    }
  }

  @Test
  void broadcastOverKafkaEdgesIsRefusedSayingToKeepKinesisEdges() {
    JobProblem p = onlyProblem(BroadcastOverKafkaEdges.class);
    assertThat(p.problem()).contains("reads a broadcast input, and its job's edges are Kafka topics");
    assertThat(p.fix()).contains("remove edges = Transport.KAFKA");
  }
}
