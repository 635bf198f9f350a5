package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A union: an operator whose {@code from} names several nodes of one type. Inputs in one stage meet in one operator
 * of that stage; inputs in separate stages (two sources) each run the union in their own stage, and a key-by after it
 * brings both into the one stage that reads its repartition stream, whose watermark follows both writers.
 */
class UnionPlanTest {
  public record Count(String user, long clicks) {}

  @StreamingJob("unions")
  public static class TwoSources {
    @Source(stream = "web-clicks") @Source(stream = "app-clicks") @EventTime(field = "at")
    public record Click(String user, String page, long at) {}

    @Filter(from = {"web-clicks", "app-clicks"}) @KeyBy("user")
    public boolean real(Click click) {
      return !click.page().isEmpty();
    }

    @KeyedProcess(from = "real") @Sink(console = true)
    public Count count(Click click, @State("clicks") ValueState<Long> clicks) {
      clicks.update(clicks.valueOr(0L) + 1);
      return new Count(click.user(), clicks.value());
    }
  }

  public record Alert(String id) {}

  @StreamingJob("alerts")
  public static class InOneStage {
    @Source(stream = "orders-in")
    public record Order(String id, long cents, boolean flagged) {}

    @Filter(from = "orders-in")
    public boolean big(Order order) {
      return order.cents() > 1000;
    }

    @Filter(from = "orders-in")
    public boolean flagged(Order order) {
      return order.flagged();
    }

    @MapEach(from = {"big", "flagged"}) @Sink(console = true)
    public Alert alert(Order order) {
      return new Alert(order.id());
    }

    @MapEach(from = {"orders-in", "big"}) @Sink(name = "audit", console = true)
    public Alert audit(Order order) {
      return new Alert(order.id());
    }
  }

  @StreamingJob("mixed")
  public static class TwoTypes {
    @Source(stream = "web-clicks")
    public record Click(String user, String page) {}

    @Source(stream = "orders-in")
    public record Order(String user, long cents) {}

    @MapEach(from = {"web-clicks", "orders-in"}) @Sink(console = true)
    public Count both(Object any) {
      return new Count("x", 1);
    }
  }

  @StreamingJob("split")
  public static class KeyedInputsWithoutANewKey {
    @Source(stream = "web-clicks") @Source(stream = "app-clicks") @KeyBy("user")
    public record Click(String user, String page) {}

    @MapEach(from = {"web-clicks", "app-clicks"})
    public Click same(Click click) {
      return click;
    }

    @KeyedProcess(from = "same") @Sink(console = true)
    public Count count(Click click, @State("clicks") ValueState<Long> clicks) {
      return new Count(click.user(), 1);
    }
  }

  @StreamingJob("sunk")
  public static class SinkOnTwoSources {
    @Source(stream = "web-clicks") @Source(stream = "app-clicks") @Sink(console = true)
    public record Click(String user, String page) {}
  }

  @StreamingJob("ambiguous")
  public static class AmbiguousByType {
    @Source(stream = "web-clicks") @Source(stream = "app-clicks")
    public record Click(String user, String page) {}

    @MapEach @Sink(console = true)
    public Count one(Click click) {
      return new Count(click.user(), 1);
    }
  }

  private static String problem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.getMessage();
  }

  @Test
  void aUnionOfTwoTypesSaysToMapOneToTheOther() {
    assertThat(problem(TwoTypes.class)).contains("both(Object)", "reads a union of 'web-clicks'", "'orders-in'",
        "must emit one type", "Map 'orders-in' to UnionPlanTest.TwoTypes.Click first");
  }

  @Test
  void keyedStateAfterAUnionOfKeyedNodesNeedsAKeyByOnTheUnion() {
    assertThat(problem(KeyedInputsWithoutANewKey.class)).contains("count(", "after union 'same'",
        "[web-clicks, app-clicks]", "Add @KeyBy(\"field\") to 'same'");
  }

  @Test
  void aSinkOnARecordTypeOfSeveralSourcesBelongsOnTheUnion() {
    assertThat(problem(SinkOnTwoSources.class)).contains("has @Sink and several @Source streams",
        "[web-clicks, app-clicks]", "Move the @Sink to an operator reading them all");
  }

  @Test
  void anAmbiguousInputSuggestsTheUnion() {
    assertThat(problem(AmbiguousByType.class)).contains("is produced by [app-clicks, web-clicks]",
        "or read them all as a union: from = {\"app-clicks\", \"web-clicks\"}");
  }

  @Test
  void twoSourcesRunTheUnionInTheirOwnStagesAndMeetAfterItsKeyBy() {
    Plan plan = Planner.plan(TwoSources.class);
    assertThat(plan.stages()).hasSize(3);
    StageSpec app = plan.stages().get(0);
    StageSpec web = plan.stages().get(1);
    StageSpec keyed = plan.stages().get(2);
    assertThat(app.input().stream()).isEqualTo("app-clicks");
    assertThat(web.input().stream()).isEqualTo("web-clicks");
    assertThat(app.operators()).extracting(OperatorSpec::name, OperatorSpec::from)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("real", "app-clicks"));
    assertThat(web.operators()).extracting(OperatorSpec::name, OperatorSpec::from)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("real", "web-clicks"));
    assertThat(app.outputs()).singleElement().satisfies(o -> assertThat(o.target()).isEqualTo("unions-real"));
    assertThat(web.outputs()).singleElement().satisfies(o -> assertThat(o.target()).isEqualTo("unions-real"));
    assertThat(keyed.input().stream()).isEqualTo("unions-real");
    assertThat(keyed.keyField()).isEqualTo("user");
    assertThat(keyed.operators()).extracting(OperatorSpec::name).containsExactly("count");
    assertThat(keyed.time().upstreamStages()).containsExactly(app.id(), web.id());
    assertThat(plan.streams()).filteredOn(s -> s.name().equals("unions-real")).hasSize(1);
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
  }

  @Test
  void aUnionInOneStageReadsEachOfItsInputsOnceTheyAreIn() {
    Plan plan = Planner.plan(InOneStage.class);
    assertThat(plan.stages()).hasSize(1);
    List<OperatorSpec> operators = plan.stages().get(0).operators();
    assertThat(operators).extracting(OperatorSpec::name).containsExactly("big", "audit", "flagged", "alert");
    OperatorSpec alert = operators.stream().filter(o -> o.name().equals("alert")).findFirst().orElseThrow();
    assertThat(alert.inputs()).containsExactly("big", "flagged");
    assertThat(alert.from()).isEqualTo("big");
    OperatorSpec audit = operators.stream().filter(o -> o.name().equals("audit")).findFirst().orElseThrow();
    assertThat(audit.inputs()).containsExactly("orders-in", "big");
    String json = PlanJson.write(plan);
    assertThat(json).contains("\"alsoFrom\" : [ \"flagged\" ]");
    assertThat(Explainer.text(plan)).contains("(reads big, flagged)");
    assertThat(Explainer.mermaid(plan)).contains("_big --> ", "_flagged --> ");
    assertThat(PlanJson.read(json)).isEqualTo(plan);
  }
}
