package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code @KeyBy(parallelization)}: the keyed stage's ParallelizationFactor, and the jobs parallel lanes cannot run
 * exactly once, refused at plan time with the reason and what to change (docs/exactly-once.md, "Parallel lanes").
 */
class KeyParallelizationTest {
  public record Total(String user, long clicks) {}

  @StreamingJob("laned")
  public static class Laned {
    @Source(stream = "clicks", shards = 2) @KeyBy(value = "user", parallelization = 4)
    public record Click(String user, long at) {}

    @KeyedProcess(from = "clicks") @Sink(table = "totals", key = "user")
    public Total count(Click click, @State("n") ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new Total(click.user(), n.value());
    }
  }

  @StreamingJob("laned-map")
  public static class LanedAfterMap {
    @Source(stream = "clicks") public record Click(String user, long at) {}

    @MapEach(from = "clicks") @KeyBy(value = "user", parallelization = 10) public Click keyed(Click click) {
      return click;
    }

    @KeyedProcess(from = "keyed") @Sink(console = true)
    public Total count(Click click, @State("n") ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new Total(click.user(), n.value());
    }
  }

  @Test
  void theKeyedStageRunsWithTheDeclaredFactorAndItsInputIsReadInLanes() {
    Plan plan = Planner.plan(Laned.class);
    StageSpec source = plan.stages().get(0);
    StageSpec keyed = plan.stages().get(1);
    assertThat(source.batching().parallelizationFactor()).isEqualTo(1);
    assertThat(keyed.batching().parallelizationFactor()).isEqualTo(4);
    assertThat(keyed.batching().maximumRetryAttempts()).isEqualTo(-1);
    assertThat(plan.readInLanes(keyed.input().stream())).isTrue();
    assertThat(plan.readInLanes(source.input().stream())).isFalse();
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);

    assertThat(Explainer.text(plan)).contains("keyed by user)  batch 100, window 0 s, retries until done, "
        + "4 parallel lanes per shard");

    Plan afterMap = Planner.plan(LanedAfterMap.class);
    assertThat(afterMap.stages()).extracting(s -> s.batching().parallelizationFactor()).containsExactly(1, 10);
  }

  @Test
  void aStreamReadInLanesStaysPlainWhileOtherRepartitionStreamsAreAggregated() {
    Plan laned = Planner.plan(LanedAfterMap.class, dev.runnel.plan.StateLayout.LOG, true);
    String lanedInput = laned.stages().get(1).input().stream();
    assertThat(laned.stream(lanedInput)).get().satisfies(s -> assertThat(s.aggregated()).isFalse());
    Plan plain = Planner.plan(UnlanedAfterMap.class, dev.runnel.plan.StateLayout.LOG, true);
    assertThat(Planner.plan(UnlanedAfterMap.class).streams()).as("plain by default")
        .allSatisfy(s -> assertThat(s.aggregated()).isFalse());
    assertThat(plain.streams()).filteredOn(s -> s.role() == dev.runnel.plan.StreamRole.REPARTITION).singleElement()
        .satisfies(s -> assertThat(s.aggregated()).isTrue());
    assertThat(plain.streams()).filteredOn(s -> s.role() != dev.runnel.plan.StreamRole.REPARTITION)
        .allSatisfy(s -> assertThat(s.aggregated()).isFalse());
  }

  @StreamingJob("unlaned-map")
  public static class UnlanedAfterMap {
    @Source(stream = "clicks") public record Click(String user, long at) {}

    @MapEach(from = "clicks") @KeyBy("user") public Click keyed(Click click) {
      return click;
    }

    @KeyedProcess(from = "keyed") @Sink(stream = "totals-out")
    public Total count(Click click, @State("n") ValueState<Long> n) {
      n.update(n.valueOr(0L) + 1);
      return new Total(click.user(), n.value());
    }
  }

  @StreamingJob("too-many")
  public static class TooMany {
    @Source(stream = "clicks") @KeyBy(value = "user", parallelization = 11) public record Click(String user, long at) {}

    @KeyedProcess(from = "clicks") @Sink(console = true)
    public Total count(Click click, @State("n") ValueState<Long> n) {
      return new Total(click.user(), 1);
    }
  }

  @Test
  void aFactorAboveTenIsRefused() {
    JobProblem p = onlyProblem(TooMany.class);
    assertThat(p.where()).contains("Click");
    assertThat(p.problem()).contains("@KeyBy(parallelization = 11) of job 'too-many' (stage too-many-2)",
        "out of range");
    assertThat(p.fix()).contains("Use 1 to 10");
  }

  @StreamingJob("timed")
  public static class Timed {
    @Source(stream = "clicks") @EventTime(field = "at") @KeyBy(value = "user", parallelization = 2)
    public record Click(String user, long at) {}

    @KeyedProcess(from = "clicks") @Sink(table = "totals", key = "user")
    public Total count(Click click, @State("n") ValueState<Long> n) {
      return new Total(click.user(), 1);
    }
  }

  @Test
  void lanesInAJobWithEventTimeAreRefusedWithTheReason() {
    JobProblem p = onlyProblem(Timed.class);
    assertThat(p.problem()).contains("@KeyBy(parallelization = 2) of job 'timed' (stage timed-2)",
        "event time", "a marker reaches one lane only", "make them late");
    assertThat(p.fix()).contains("Remove parallelization", "@KeyBy(shards)");
  }

  @StreamingJob("streamed")
  public static class Streamed {
    @Source(stream = "clicks") @KeyBy(value = "user", parallelization = 3) public record Click(String user, long at) {}

    @KeyedProcess(from = "clicks") @Sink(stream = "totals-out", key = "user")
    public Total count(Click click, @State("n") ValueState<Long> n) {
      return new Total(click.user(), 1);
    }
  }

  @StreamingJob("chained")
  public static class Chained {
    @Source(stream = "clicks") @KeyBy(value = "user", parallelization = 3) public record Click(String user, long at) {}

    @KeyedProcess(from = "clicks") @KeyBy("user")
    public Total count(Click click, @State("n") ValueState<Long> n) {
      return new Total(click.user(), 1);
    }

    @KeyedProcess(from = "count") @Sink(console = true)
    public Total again(Total total, @State("m") ValueState<Long> m) {
      return total;
    }
  }

  @Test
  void lanesWritingStreamsAreRefusedWithTheReason() {
    JobProblem streamed = onlyProblem(Streamed.class);
    assertThat(streamed.problem()).contains("(stage streamed-2) writes to streams", "no committed position",
        "grow without bound");
    assertThat(streamed.fix()).contains("tables or the console only");
    JobProblem chained = onlyProblem(Chained.class);
    assertThat(chained.problem()).contains("(stage chained-2) writes to streams");
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }
}
