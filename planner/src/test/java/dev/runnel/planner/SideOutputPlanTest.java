package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Reduce;
import dev.runnel.api.Side;
import dev.runnel.api.SideOutput;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Side outputs: a {@code @Side("name") SideOutput<T>} parameter makes a node {@code "<method>.<name>"} right after its
 * operator, in its operator's stage also when the operator's own output is keyed; operators read it with from.
 */
class SideOutputPlanTest {
  public record Parsed(String id, String customer, long cents) {}

  public record Total(String customer, long cents) {}

  @StreamingJob("checks")
  public static class Checks {
    @Source(stream = "orders-in")
    public record Order(String id, String customer, long cents) {}

    @FlatMap(from = "orders-in") @KeyBy("customer")
    public List<Parsed> parse(Order order, @Side("invalid") SideOutput<Order> invalid) {
      return List.of(new Parsed(order.id(), order.customer(), order.cents()));
    }

    @MapEach(from = "parse.invalid") @Sink(name = "invalid", console = true)
    public Parsed reject(Order order) {
      return new Parsed(order.id(), order.customer(), order.cents());
    }

    @KeyedProcess(from = "parse") @Sink(name = "totals", console = true)
    public Total total(Parsed parsed, @State("cents") ValueState<Long> cents, @Side("big") SideOutput<Parsed> big) {
      return new Total(parsed.customer(), 0);
    }

    @MapEach(from = "total.big") @Sink(name = "big", console = true)
    public Total flag(Parsed parsed) {
      return new Total(parsed.customer(), parsed.cents());
    }
  }

  @StreamingJob("unread")
  public static class Unread {
    @Source(stream = "orders-in") @Sink(console = true)
    public record Order(String id, String customer, long cents) {}

    @MapEach(from = "orders-in") @Sink(console = true, name = "parsed")
    public Parsed parse(Order order, @Side("invalid") SideOutput<Order> invalid) {
      return new Parsed(order.id(), order.customer(), order.cents());
    }
  }

  @StreamingJob("unnamed")
  public static class Unnamed {
    @Source(stream = "orders-in")
    public record Order(String id, String customer, long cents) {}

    @MapEach(from = "orders-in") @Sink(console = true)
    public Parsed parse(Order order, SideOutput<Order> invalid) {
      return new Parsed(order.id(), order.customer(), order.cents());
    }
  }

  @StreamingJob("reduced")
  public static class OnAReduce {
    @Source(stream = "orders-in") @KeyBy("customer")
    public record Order(String id, String customer, long cents) {}

    @Reduce(from = "orders-in") @Sink(console = true)
    public Order sum(Order a, Order b, @Side("odd") SideOutput<Order> odd) {
      return a;
    }
  }

  private static String problem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.getMessage();
  }

  @Test
  void aSideOutputFollowsItsOperatorInItsStage() {
    Plan plan = Planner.plan(Checks.class);
    assertThat(plan.stages()).hasSize(2);
    List<OperatorSpec> first = plan.stages().get(0).operators();
    assertThat(first).extracting(OperatorSpec::name).containsExactly("parse", "parse.invalid", "reject");
    assertThat(first.get(1).kind()).isEqualTo(OperatorKind.SIDE);
    assertThat(first.get(1).from()).isEqualTo("parse");
    assertThat(first.get(1).method()).isEmpty();
    assertThat(first.get(1).outputType()).isEqualTo(Checks.Order.class.getName());
    assertThat(plan.stages().get(0).outputs()).extracting(o -> o.name())
        .containsExactly("checks-parse", "invalid");
    List<OperatorSpec> keyed = plan.stages().get(1).operators();
    assertThat(keyed).extracting(OperatorSpec::name).containsExactly("total", "total.big", "flag");
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(PlanJson.write(plan)).contains("\"kind\" : \"side\"");
    assertThat(Explainer.text(plan)).contains("parse.invalid", "records parse emitted to its side output");
  }

  @Test
  void aSideOutputNobodyReadsIsAProblem() {
    assertThat(problem(Unread.class)).contains("parse(", "its side output 'parse.invalid' is read by no operator",
        "from = \"parse.invalid\"");
  }

  @Test
  void aSideOutputNeedsAName() {
    assertThat(problem(Unnamed.class)).contains("its SideOutput parameter has no name", "@Side(\"name\")");
  }

  @Test
  void onlyOperatorsThatEmitPerRecordTakeSideOutputs() {
    assertThat(problem(OnAReduce.class)).contains("sum(", "takes a SideOutput, which only @Filter, @MapEach");
  }
}
