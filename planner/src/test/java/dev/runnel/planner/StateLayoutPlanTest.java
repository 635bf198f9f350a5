package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import org.junit.jupiter.api.Test;

/** The planner option that puts keyed stages in the state log layout (docs/state-log.md). */
class StateLayoutPlanTest {

  @Test
  void byDefaultEveryStageIsInTheKeysLayoutAndThePlanDoesNotSaySo() {
    Plan plan = Planner.plan(KeyParallelizationTest.LanedAfterMap.class);
    assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.layout()).isEqualTo(StateLayout.KEYS));
    assertThat(PlanJson.write(plan)).doesNotContain("stateLayout");
  }

  @Test
  void askedForTheLogLayoutTheKeyedStagesReadOneBatchAtATimeTakeIt() {
    Plan plan = Planner.plan(Counting.class,
        StateLayout.LOG);
    StageSpec source = plan.stages().get(0);
    StageSpec keyed = plan.stages().get(1);
    assertThat(source.layout()).as("an unkeyed stage has no keyed state").isEqualTo(StateLayout.KEYS);
    assertThat(keyed.layout()).isEqualTo(StateLayout.LOG);
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
  }

  @Test
  void aStageInParallelLanesKeepsTheKeysLayout() {
    Plan plan = Planner.plan(KeyParallelizationTest.Laned.class, StateLayout.LOG);
    assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.layout()).isEqualTo(StateLayout.KEYS));
  }

  /** Counts clicks per user, one batch per shard at a time. */
  @dev.runnel.api.StreamingJob("counting")
  public static class Counting {
    @dev.runnel.api.Source(stream = "clicks") @dev.runnel.api.KeyBy("user")
    public record Click(String user, long at) {}

    @dev.runnel.api.Process(from = "clicks") @dev.runnel.api.Sink(console = true)
    public KeyParallelizationTest.Total count(Click click, @dev.runnel.api.State("n")
        dev.runnel.api.ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new KeyParallelizationTest.Total(click.user(), n.value());
    }
  }
}
