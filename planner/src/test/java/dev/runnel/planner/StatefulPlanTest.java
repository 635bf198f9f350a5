package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.jobs.Clicks;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulPlanTest {
  private final Plan plan = Planner.plan(Clicks.class);

  @Test
  void aKeyedSourceGetsARekeyingStageBeforeItsStatefulOperators() {
    assertThat(plan.stages()).hasSize(2);
    StageSpec rekey = plan.stages().get(0);
    assertThat(rekey.operators()).isEmpty();
    assertThat(rekey.state()).isEmpty();
    assertThat(rekey.outputs()).singleElement().satisfies(output -> {
      assertThat(output.kind()).isEqualTo(OutputKind.REPARTITION);
      assertThat(output.from()).isEqualTo("clicks-in");
      assertThat(output.keyField()).isEqualTo("user");
      assertThat(output.target()).isEqualTo("clicks-in-keyed");
    });
    StageSpec keyed = plan.stages().get(1);
    assertThat(keyed.keyField()).isEqualTo("user");
    assertThat(keyed.input().node()).isEqualTo("clicks-in");
    assertThat(keyed.operators()).extracting(OperatorSpec::name, OperatorSpec::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("count", OperatorKind.PROCESS),
        org.assertj.core.groups.Tuple.tuple("all", OperatorKind.PROCESS),
        org.assertj.core.groups.Tuple.tuple("most", OperatorKind.REDUCE),
        org.assertj.core.groups.Tuple.tuple("firstVisit", OperatorKind.PROCESS),
        org.assertj.core.groups.Tuple.tuple("remember", OperatorKind.PROCESS));
  }

  @Test
  void everyStateIsInThePlanWithItsTypesFunctionAndTtl() {
    List<StateSpec> states = plan.stages().get(1).state();
    assertThat(states).contains(
        new StateSpec("clicks", "count", StateKind.VALUE, "clicks-state", List.of("java.lang.Long"), null, 7 * 86_400),
        new StateSpec("pages", "count", StateKind.MAP, "clicks-state", List.of("java.lang.String", "java.lang.Long"),
            null, 0),
        new StateSpec("recent", "count", StateKind.LIST, "clicks-state", List.of(Clicks.Click.class.getName()), null, 0),
        new StateSpec("avg", "count", StateKind.AGGREGATING, "clicks-state",
            List.of("java.lang.Long", "java.lang.Double", Clicks.SumCount.class.getName()),
            Clicks.AverageMillis.class.getName(), 0),
        new StateSpec("reduce", "most", StateKind.REDUCING, "clicks-state", List.of(Clicks.UserCount.class.getName()),
            null, 3600),
        new StateSpec("last", "remember", StateKind.VALUE, "clicks-state", List.of(Clicks.Click.class.getName()), null,
            0));
    assertThat(plan.tables()).contains(new TableSpec("clicks-state", TableRole.STATE, "pk", null),
        new TableSpec("clicks-checkpoints", TableRole.CHECKPOINT, "pk", null),
        new TableSpec("clicks-state-log", TableRole.STATE_LOG, "pk", "sk"));
  }

  @Test
  void outputTypesFollowTheReturnShape() {
    var operators = plan.stages().get(1).operators();
    assertThat(operators).filteredOn(o -> o.name().equals("firstVisit")).singleElement()
        .extracting(OperatorSpec::outputType).isEqualTo(Clicks.Click.class.getName());
    assertThat(operators).filteredOn(o -> o.name().equals("remember")).singleElement()
        .extracting(OperatorSpec::outputType).isEqualTo("void");
    assertThat(operators).filteredOn(o -> o.name().equals("all")).singleElement()
        .extracting(OperatorSpec::outputType).isEqualTo(Clicks.UserCount.class.getName());
  }

  @Test
  void anExactlyOnceJobNeverGivesABatchUp() {
    assertThat(plan.stages()).allSatisfy(stage ->
        assertThat(stage.batching()).isEqualTo(dev.runnel.plan.BatchingSpec.EXACTLY_ONCE));
    assertThat(dev.runnel.plan.BatchingSpec.EXACTLY_ONCE.maximumRetryAttempts()).isEqualTo(-1);
  }

  @Test
  void statelessJobsHaveNoStateOrCheckpointTables() {
    assertThat(Planner.plan(dev.runnel.planner.jobs.Shop.class).tables())
        .extracting(TableSpec::role).doesNotContain(TableRole.STATE, TableRole.CHECKPOINT, TableRole.STATE_LOG);
  }

  @Test
  void roundTripsAndExplainsState() {
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Explainer.text(plan)).contains("state clicks: value<Long>, ttl 604800 s in the state log",
        "state avg: aggregating<Long, Double, Clicks$SumCount>".replace("Clicks$", ""));
    assertThat(Explainer.text(Planner.plan(Clicks.class, StateLayout.KEYS)))
        .contains("state clicks: value<Long>, ttl 604800 s in table clicks-state");
  }
}
