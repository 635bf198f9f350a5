package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import org.junit.jupiter.api.Test;

/** The value a window method receives: a SUM of an integral field is an exact Long, of a floating one a Double. */
class WindowResultTypesTest {

  @StreamingJob("sums")
  public static class LongSum {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, long cents, double rate) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Long total(Windowed<Long> window) {
      return window.value();
    }

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "rate")
    @Sink(console = true)
    public Double rates(Windowed<Double> window) {
      return window.value();
    }
  }

  @StreamingJob("sums")
  public static class LongSumAsDouble {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, int cents) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Double total(Windowed<Double> window) {
      return window.value();
    }
  }

  @StreamingJob("sums")
  public static class DoubleSumAsLong {
    @Source(stream = "sums-in") @EventTime(field = "at") @KeyBy("user")
    public record Payment(String user, long at, double cents) {}

    @Window(from = "sums-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(console = true)
    public Long total(Windowed<Long> window) {
      return window.value();
    }
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }

  @Test
  void aSumOfALongFieldIsALongAndOfADoubleFieldADouble() {
    assertThat(Planner.plan(LongSum.class).stages()).hasSize(2);
  }

  @Test
  void aSumOfAnIntFieldIntoWindowedDoubleSaysToTakeALong() {
    JobProblem p = onlyProblem(LongSumAsDouble.class);
    assertThat(p.problem()).contains("SUM, field = \"cents\") sums an int field into an exact Long",
        "the parameter is Windowed<Double>");
    assertThat(p.fix()).isEqualTo("Change the parameter to Windowed<Long>.");
  }

  @Test
  void aSumOfADoubleFieldIntoWindowedLongSaysToTakeADouble() {
    JobProblem p = onlyProblem(DoubleSumAsLong.class);
    assertThat(p.problem()).contains("sums a double field into a Double", "the parameter is Windowed<Long>");
    assertThat(p.fix()).isEqualTo("Change the parameter to Windowed<Double>.");
  }
}
