package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.TableSpec;
import org.junit.jupiter.api.Test;

/** {@code @StreamingJob(deadLetterRetention)}: planned as the dead-letter table's TTL, checked at plan time. */
class DeadLetterRetentionTest {
  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    assertThat(thrown.getMessage()).contains(thrown.problems().get(0).fix());
    return thrown.problems().get(0);
  }

  @StreamingJob("dl-default")
  public static class DefaultRetention {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @StreamingJob(value = "dl-week", deadLetterRetention = "P7D")
  public static class WeekRetention {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @StreamingJob(value = "dl-short", deadLetterRetention = "PT1H")
  public static class TooShort {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @StreamingJob(value = "dl-long", deadLetterRetention = "P400D")
  public static class TooLong {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @StreamingJob(value = "dl-text", deadLetterRetention = "two weeks")
  public static class NotADuration {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @StreamingJob(value = "dl-fraction", deadLetterRetention = "PT36H0.5S")
  public static class Fraction {
    @Source(stream = "events") @Sink(console = true) public record In(String user) {}
  }

  @Test
  void deadLettersAreKeptFourteenDaysByDefault() {
    TableSpec table = Planner.plan(DefaultRetention.class).deadLetterTable();
    assertThat(table.ttlAttribute()).isEqualTo("expiresAt");
    assertThat(table.ttlSeconds()).isEqualTo(14L * 24 * 3600);
  }

  @Test
  void theJobSetsItsRetentionAndThePlanCarriesIt() {
    Plan plan = Planner.plan(WeekRetention.class);
    assertThat(plan.deadLetterTable().ttlSeconds()).isEqualTo(7L * 24 * 3600);
    assertThat(PlanJson.write(plan)).contains("\"ttlAttribute\" : \"expiresAt\"", "\"ttlSeconds\" : 604800");
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Explainer.text(plan)).contains("dead letters: table dl-week-dead-letters, kept 7 d");
  }

  @Test
  void lessThanADayIsRefused() {
    JobProblem p = onlyProblem(TooShort.class);
    assertThat(p.where()).isEqualTo("DeadLetterRetentionTest.TooShort");
    assertThat(p.problem()).contains("deadLetterRetention \"PT1H\" is shorter than a day");
    assertThat(p.fix()).contains("at least \"P1D\"");
  }

  @Test
  void moreThanAYearIsRefused() {
    JobProblem p = onlyProblem(TooLong.class);
    assertThat(p.problem()).contains("deadLetterRetention \"P400D\" is longer than a year");
    assertThat(p.fix()).contains("at most \"P365D\"", "personal data");
  }

  @Test
  void somethingElseThanADurationIsRefused() {
    JobProblem p = onlyProblem(NotADuration.class);
    assertThat(p.problem()).contains("deadLetterRetention \"two weeks\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("deadLetterRetention = \"P7D\"");
  }

  @Test
  void fractionsOfASecondAreRefused() {
    JobProblem p = onlyProblem(Fraction.class);
    assertThat(p.problem()).contains("is not a whole number of seconds");
  }
}
