package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Random fault plans: a seed keeps the plan it had before repartition reshards were drawn, plus one of them. */
class FaultPlanTest {

  @Test
  void aSeedKeepsItsEarlierKindsAndDrawsARepartitionReshardLast() {
    Map<FaultKind, Double> before = new EnumMap<>(Map.of(
        FaultKind.CRASH_AFTER_STARTED, 0.2, FaultKind.CRASH_AFTER_MODEL_ANSWERS_STORED, 0.11,
        FaultKind.CRASH_AFTER_PROCESSED, 0.08, FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.24,
        FaultKind.CRASH_AFTER_STATE_WRITTEN, 0.23, FaultKind.CRASH_AFTER_CHECKPOINT_COMMITTED, 0.16,
        FaultKind.CRASH_AFTER_ROUND_STATE_WRITTEN, 0.14, FaultKind.CRASH_AFTER_ROUND_COMPLETED, 0.17,
        FaultKind.CRASH_MID_OUTPUTS, 0.17, FaultKind.ZOMBIE, 0.16));
    Map<FaultKind, Double> plan = new EnumMap<>(FaultPlan.random(1000).probabilities());
    plan.remove(FaultKind.REPARTITION_SPLIT);
    plan.remove(FaultKind.REPARTITION_MERGE);
    assertThat(plan).as("seed 1000 as printed by a soak before repartition reshards").isEqualTo(before);
  }

  @Test
  void aboutTwoThirdsOfThePlansReshardARepartitionStreamOnce() {
    long split = LongStream.range(0, 3000).filter(s -> FaultPlan.random(s).has(FaultKind.REPARTITION_SPLIT)).count();
    long merge = LongStream.range(0, 3000).filter(s -> FaultPlan.random(s).has(FaultKind.REPARTITION_MERGE)).count();
    long both = LongStream.range(0, 3000).filter(s -> FaultPlan.random(s).has(FaultKind.REPARTITION_SPLIT)
        && FaultPlan.random(s).has(FaultKind.REPARTITION_MERGE)).count();
    assertThat(split).isBetween(900L, 1100L);
    assertThat(merge).isBetween(900L, 1100L);
    assertThat(both).isZero();
    assertThat(FaultPlan.random(7).probability(FaultKind.REPARTITION_SPLIT)
        + FaultPlan.random(7).probability(FaultKind.REPARTITION_MERGE)).isIn(0.0, 1.0);
  }

  @Test
  void anIsolatedRunKeepsTheSeedsRunnerSideKindsAndDrawsItsProcessFaultsApart() {
    FaultPlan all = FaultPlan.random(1000);
    FaultPlan runnerSide = all.runnerSide();
    assertThat(runnerSide.seed()).isEqualTo(1000);
    assertThat(runnerSide.probabilities()).allSatisfy((kind, p) -> {
      assertThat(kind.runnerSide()).as(kind.name()).isTrue();
      assertThat(p).isEqualTo(all.probability(kind));
    });
    all.probabilities().keySet().stream().filter(FaultKind::runnerSide)
        .forEach(kind -> assertThat(runnerSide.has(kind)).as(kind.name()).isTrue());
    assertThat(FaultKind.ZOMBIE.runnerSide()).isFalse();
    assertThat(FaultKind.DYNAMODB_THROTTLE.runnerSide()).isFalse();
    assertThat(FaultKind.DUPLICATE_DELIVERY.runnerSide()).isTrue();
    assertThat(FaultKind.REPARTITION_MERGE.runnerSide()).isTrue();
    // the process faults are drawn apart: asking for them leaves the seed's fault plan as it was
    dev.runnel.faults.process.ProcessFaultPlan.random(1000);
    assertThat(FaultPlan.random(1000)).isEqualTo(all);
    long withKills = LongStream.range(0, 400)
        .filter(s -> dev.runnel.faults.process.ProcessFaultPlan.random(s).killProbability() > 0).count();
    long withStops = LongStream.range(0, 400)
        .filter(s -> dev.runnel.faults.process.ProcessFaultPlan.random(s).stopProbability() > 0).count();
    long atRunEnd = LongStream.range(0, 400)
        .filter(s -> dev.runnel.faults.process.ProcessFaultPlan.random(s).resumeAtRunEnd()).count();
    assertThat(withKills).isBetween(300L, 380L);
    assertThat(withStops).isBetween(260L, 340L);
    assertThat(atRunEnd).isBetween(110L, 190L);
  }
}
