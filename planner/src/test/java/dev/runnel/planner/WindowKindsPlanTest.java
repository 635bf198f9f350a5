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
import dev.runnel.plan.FiringMode;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import dev.runnel.plan.WindowTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Count windows and processing-time windows: what the plan says about them (no event time needed, no timers table
 * for count windows alone), the explain text, and the problems a wrong declaration gets, each saying what to change.
 */
class WindowKindsPlanTest {
  @StreamingJob("counted")
  public static class Counted {
    @Source(stream = "bids-in") @KeyBy("auction") public record Bid(String auction, long price) {}

    @Window(from = "bids-in", count = 100, countSlide = 10) @Aggregate(kind = Aggregate.Kind.SUM, field = "price")
    @Sink(console = true)
    public Long lastHundred(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("clocked")
  public static class Clocked {
    @Source(stream = "clicks-in") @KeyBy("page") public record Click(String page) {}

    @Window(from = "clicks-in", size = "PT1M", time = Window.Time.PROCESSING) @Aggregate
    @Sink(console = true)
    public Long perMinute(Windowed<Long> window) {
      return window.value();
    }
  }

  private static OperatorSpec window(Plan plan) {
    return plan.stages().stream().flatMap(s -> s.operators().stream())
        .filter(o -> o.window() != null).findFirst().orElseThrow();
  }

  @Test
  void aCountWindowNeedsNoEventTimeAndNoTimers() {
    Plan plan = Planner.plan(Counted.class);
    assertThat(window(plan).window()).isEqualTo(WindowSpec.ofCount(100, 10L, window(plan).window().aggregate()));
    assertThat(window(plan).window().kind()).isEqualTo(WindowKind.COUNT);
    assertThat(plan.stages()).extracting(StageSpec::time).containsOnlyNulls();
    assertThat(plan.tables()).noneMatch(t -> t.role() == TableRole.TIMERS);
    assertThat(PlanJson.write(plan)).contains("\"kind\" : \"count\"", "\"count\" : 100", "\"countSlide\" : 10");
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Explainer.text(plan)).contains("count windows of 100 records every 10, sum of price");
  }

  @Test
  void aProcessingTimeWindowIsTimedWithoutEventTime() {
    Plan plan = Planner.plan(Clocked.class);
    WindowSpec spec = window(plan).window();
    assertThat(spec.time()).isEqualTo(WindowTime.PROCESSING);
    assertThat(spec.sizeMillis()).isEqualTo(60_000);
    assertThat(plan.stages().get(plan.stages().size() - 1).time()).as("ticked").isNotNull();
    assertThat(plan.tables()).anyMatch(t -> t.role() == TableRole.TIMERS);
    assertThat(PlanJson.write(plan)).contains("\"time\" : \"processing\"");
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Explainer.text(plan)).contains("tumbling 1 min processing time, count");
  }

  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }

  @StreamingJob("count-size")
  public static class CountWithSize {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", count = 10, size = "PT1M") @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("count-slide")
  public static class CountSlideTooBig {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", count = 10, countSlide = 10) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("count-none")
  public static class CountSlideAlone {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", countSlide = 5) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("count-late")
  public static class CountWithLateness {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", count = 10, lateness = "PT1M") @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("count-clock")
  public static class CountOnProcessingTime {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", count = 10, time = Window.Time.PROCESSING) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("clock-late")
  public static class ProcessingWithLateness {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", size = "PT1M", lateness = "PT10S", time = Window.Time.PROCESSING) @Aggregate
    @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("clock-session")
  public static class ProcessingSession {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", gap = "PT1M", time = Window.Time.PROCESSING) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("event-none")
  public static class EventTimeWithoutEventTime {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", size = "PT1M") @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @Test
  void wrongCountWindowsSayWhatToChange() {
    assertThat(onlyProblem(CountWithSize.class)).satisfies(p -> {
      assertThat(p.problem()).contains("sets count together with size");
      assertThat(p.fix()).contains("Set count (and countSlide) alone");
    });
    assertThat(onlyProblem(CountSlideTooBig.class)).satisfies(p -> {
      assertThat(p.problem()).contains("countSlide = 10 is not between 1 and count - 1");
      assertThat(p.fix()).contains("Remove countSlide");
    });
    assertThat(onlyProblem(CountSlideAlone.class)).satisfies(p -> {
      assertThat(p.problem()).contains("count = 0 with countSlide = 5");
      assertThat(p.fix()).contains("@Window(count = 100)");
    });
    assertThat(onlyProblem(CountWithLateness.class)).satisfies(p -> {
      assertThat(p.problem()).contains("sets lateness on a count window");
      assertThat(p.fix()).contains("Remove lateness and late");
    });
    assertThat(onlyProblem(CountOnProcessingTime.class)).satisfies(p -> {
      assertThat(p.problem()).contains("time = PROCESSING on a count window");
      assertThat(p.fix()).contains("Remove time");
    });
  }

  @Test
  void wrongProcessingTimeWindowsSayWhatToChange() {
    assertThat(onlyProblem(ProcessingWithLateness.class)).satisfies(p -> {
      assertThat(p.problem()).contains("lateness on a processing-time window");
      assertThat(p.fix()).contains("Remove lateness and late");
    });
    assertThat(onlyProblem(ProcessingSession.class)).satisfies(p -> {
      assertThat(p.problem()).contains("gap with time = PROCESSING");
      assertThat(p.fix()).contains("Use size (and slide)");
    });
    assertThat(onlyProblem(EventTimeWithoutEventTime.class).problem()).as("event time stays the default")
        .contains("windows by event time");
  }

  @StreamingJob("early")
  public static class Early {
    @Source(stream = "in-stream") @EventTime(field = "at") @KeyBy("k") public record In(String k, long at) {}

    @Window(from = "in-stream", size = "PT1H", earlyEvery = "PT1M", earlyCount = 50,
        firing = Window.Firing.DISCARDING)
    @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("early-count")
  public static class EarlyOnCount {
    @Source(stream = "in-stream") @KeyBy("k") public record In(String k) {}

    @Window(from = "in-stream", count = 10, earlyCount = 5) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("early-sliding")
  public static class EarlyOnSliding {
    @Source(stream = "in-stream") @EventTime(field = "at") @KeyBy("k") public record In(String k, long at) {}

    @Window(from = "in-stream", size = "PT1M", slide = "PT10S", earlyEvery = "PT5S") @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("early-fast")
  public static class EarlyTooOften {
    @Source(stream = "in-stream") @EventTime(field = "at") @KeyBy("k") public record In(String k, long at) {}

    @Window(from = "in-stream", size = "PT1M", earlyEvery = "PT0.5S") @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @StreamingJob("discard-once")
  public static class DiscardingOnce {
    @Source(stream = "in-stream") @EventTime(field = "at") @KeyBy("k") public record In(String k, long at) {}

    @Window(from = "in-stream", size = "PT1M", firing = Window.Firing.DISCARDING) @Aggregate @Sink(console = true)
    public Long w(Windowed<Long> window) {
      return window.value();
    }
  }

  @Test
  void earlyFiringsArePlannedAndExplained() {
    Plan plan = Planner.plan(Early.class);
    WindowSpec spec = window(plan).window();
    assertThat(spec.earlyEveryMillis()).isEqualTo(60_000L);
    assertThat(spec.earlyCount()).isEqualTo(50L);
    assertThat(spec.firing()).isEqualTo(FiringMode.DISCARDING);
    assertThat(PlanJson.write(plan)).contains("\"earlyEveryMillis\" : 60000", "\"earlyCount\" : 50",
        "\"firing\" : \"discarding\"");
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(Explainer.text(plan)).contains("tumbling 1 h, count, early every 1 min, early every 50 records,"
        + " discarding");
    assertThat(PlanJson.write(Planner.plan(Clocked.class))).as("absent when not set")
        .doesNotContain("earlyEveryMillis", "earlyCount", "\"firing\"");
  }

  @Test
  void wrongEarlyFiringsSayWhatToChange() {
    assertThat(onlyProblem(EarlyOnCount.class)).satisfies(p -> {
      assertThat(p.problem()).contains("earlyCount on a count window");
      assertThat(p.fix()).contains("use a smaller count");
    });
    assertThat(onlyProblem(EarlyOnSliding.class)).satisfies(p -> {
      assertThat(p.problem()).contains("earlyEvery on sliding windows", "tumbling windows only");
      assertThat(p.fix()).contains("use tumbling windows");
    });
    assertThat(onlyProblem(EarlyTooOften.class)).satisfies(p -> {
      assertThat(p.problem()).contains("is under a second");
      assertThat(p.fix()).contains("PT1S");
    });
    assertThat(onlyProblem(DiscardingOnce.class)).satisfies(p -> {
      assertThat(p.problem()).contains("DISCARDING, but its windows fire once");
      assertThat(p.fix()).contains("Remove firing");
    });
  }
}
