package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import org.junit.jupiter.api.Test;

/** The state layouts the planner gives keyed stages, and the state-log table (docs/state-log.md). */
class StateLayoutPlanTest {

  @Test
  void byDefaultTheKeyedStagesReadOneBatchAtATimeKeepTheirStateInTheLog() {
    Plan plan = Planner.plan(Counting.class);
    StageSpec source = plan.stages().get(0);
    StageSpec keyed = plan.stages().get(1);
    assertThat(source.layout()).as("an unkeyed stage has no keyed state").isEqualTo(StateLayout.KEYS);
    assertThat(keyed.layout()).isEqualTo(StateLayout.LOG);
    assertThat(plan.tables(TableRole.STATE_LOG)).extracting(TableSpec::name).containsExactly("counting-state-log");
    assertThat(plan.tables()).extracting(TableSpec::role).as("the state log comes after the checkpoints")
        .containsSubsequence(TableRole.CHECKPOINT, TableRole.STATE_LOG);
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Planner.plan(Counting.class, StateLayout.LOG)).isEqualTo(plan);
  }

  @Test
  void askedForTheKeysLayoutThePlanDoesNotSaySoAndHasNoStateLogTable() {
    Plan plan = Planner.plan(Counting.class, StateLayout.KEYS);
    assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.layout()).isEqualTo(StateLayout.KEYS));
    assertThat(PlanJson.write(plan)).doesNotContain("stateLayout");
    assertThat(plan.tables(TableRole.STATE_LOG)).as("no stage keeps its state there").isEmpty();
    assertThat(plan.tables(TableRole.STATE)).isNotEmpty();
  }

  @Test
  void aStageInParallelLanesKeepsTheKeysLayoutAndNeedsNoStateLogTable() {
    Plan plan = Planner.plan(KeyParallelizationTest.Laned.class);
    assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.layout()).isEqualTo(StateLayout.KEYS));
    assertThat(plan.tables(TableRole.STATE_LOG)).isEmpty();
    assertThat(PlanJson.write(plan)).doesNotContain("stateLayout");
  }

  @Test
  void explainSaysWhereEachKeyedStageKeepsItsState() {
    assertThat(Explainer.text(Planner.plan(Counting.class))).contains(
        "  state layout: log (per shard, snapshot and log entries in table counting-state-log)\n",
        "state log: table counting-state-log\n");
    assertThat(Explainer.text(Planner.plan(Counting.class, StateLayout.KEYS)))
        .contains("  state layout: keys (one item per key in table counting-state)\n")
        .doesNotContain("state log");
    assertThat(Explainer.text(Planner.plan(KeyParallelizationTest.Laned.class)))
        .contains("parallel lanes keep this layout");
  }

  /** Counts clicks per user, one batch per shard at a time. */
  @dev.runnel.api.StreamingJob("counting")
  public static class Counting {
    @dev.runnel.api.Source(stream = "clicks") @dev.runnel.api.KeyBy("user")
    public record Click(String user, long at) {}

    @dev.runnel.api.KeyedProcess(from = "clicks") @dev.runnel.api.Sink(console = true)
    public KeyParallelizationTest.Total count(Click click, @dev.runnel.api.State("n")
        dev.runnel.api.ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new KeyParallelizationTest.Total(click.user(), n.value());
    }
  }
}
