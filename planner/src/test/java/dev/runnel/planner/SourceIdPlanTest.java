package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.SourceIdSpec;
import dev.runnel.plan.TableRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @Source(idField)}: carried in the plan, runs the job exactly once, and bad declarations fail planning. */
class SourceIdPlanTest {
  @StreamingJob("ids-stateless")
  public static class Stateless {
    @Source(stream = "orders", idField = "id") public record Order(String id, long cents) {}

    @MapEach(from = "orders") @Sink(console = true)
    public Order same(Order order) {
      return order;
    }
  }

  @StreamingJob("ids-window")
  public static class Windowed {
    @Source(stream = "orders", idField = "seq", dedupWindow = "PT15M") @KeyBy("user")
    public record Order(long seq, String user) {}

    @MapEach(from = "orders") @Sink(console = true)
    public Order same(Order order) {
      return order;
    }
  }

  @StreamingJob("ids-missing")
  public static class MissingField {
    @Source(stream = "orders", idField = "orderId") @Sink(console = true) public record Order(String id) {}
  }

  @StreamingJob("ids-double")
  public static class DoubleField {
    @Source(stream = "orders", idField = "amount") @Sink(console = true) public record Order(double amount) {}
  }

  @StreamingJob("ids-window-bad")
  public static class BadWindow {
    @Source(stream = "orders", idField = "id", dedupWindow = "10 minutes") @Sink(console = true)
    public record Order(String id) {}
  }

  @Test
  void theIdFieldAndWindowReachTheSourceStageAndTheJobRunsExactlyOnce() {
    Plan plan = Planner.plan(Stateless.class);
    assertThat(plan.stages().get(0).input().ids()).isEqualTo(new SourceIdSpec("id", 600_000));
    assertThat(plan.tables(TableRole.CHECKPOINT)).hasSize(1);
    assertThat(plan.tables(TableRole.STATE_LOG)).as("no keyed state, no state log").isEmpty();
    assertThat(plan.stages().get(0).batching()).isEqualTo(BatchingSpec.EXACTLY_ONCE);
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(PlanJson.write(plan)).contains("\"ids\" : {", "\"windowMillis\" : 600000");
    assertThat(Explainer.text(plan)).contains("exactly once",
        "producer copies: same id within 10 min of the first copy, skipped");
  }

  @Test
  void aKeyedSourceCarriesItsIdsOnTheStageReadingTheSourceOnly() {
    Plan plan = Planner.plan(Windowed.class);
    assertThat(plan.stages().get(0).input().ids()).isEqualTo(new SourceIdSpec("seq", 900_000));
    assertThat(plan.stages().stream().skip(1).map(s -> s.input().ids())).containsOnlyNulls();
  }

  @Test
  void aSourceWithoutAnIdFieldHasNoIdsInItsPlan() {
    assertThat(PlanJson.write(Planner.plan(dev.runnel.planner.jobs.Clicks.class))).doesNotContain("\"ids\"");
  }

  @Test
  void anIdFieldMustExist() {
    JobProblem problem = onlyProblem(MissingField.class);
    assertThat(problem.problem()).contains("@Source(idField = \"orderId\") names no field");
    assertThat(problem.fix()).contains("one of: [id]");
  }

  @Test
  void anIdFieldMustRepeatExactly() {
    JobProblem problem = onlyProblem(DoubleField.class);
    assertThat(problem.problem()).contains("idField 'amount' is a double");
    assertThat(problem.fix()).contains("String, a whole number");
  }

  @StreamingJob("ids-window-long")
  public static class LongWindow {
    @Source(stream = "orders", idField = "id", dedupWindow = "PT1H") @Sink(console = true)
    public record Order(String id) {}
  }

  @Test
  void theWindowIsAtMostFifteenMinutes() {
    JobProblem problem = onlyProblem(LongWindow.class);
    assertThat(problem.problem()).contains("\"PT1H\" is longer than 15 minutes");
    assertThat(problem.fix()).contains("at most \"PT15M\"");
  }

  @Test
  void theWindowIsADuration() {
    JobProblem problem = onlyProblem(BadWindow.class);
    assertThat(problem.problem()).contains("@Source(dedupWindow) \"10 minutes\" is not an ISO-8601 duration");
    assertThat(problem.fix()).contains("PT10M");
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    List<JobProblem> problems = thrown.problems();
    assertThat(problems).as(thrown.getMessage()).hasSize(1);
    return problems.get(0);
  }
}
