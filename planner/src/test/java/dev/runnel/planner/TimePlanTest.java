package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.ValueState;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.AggregateSpec;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.plan.TimeSpec;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import dev.runnel.planner.jobs.Clicks;
import dev.runnel.planner.jobs.Sensors;
import dev.runnel.planner.jobs.Shop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans of jobs with event time, windows and timers. */
class TimePlanTest {
  private static final String READING = Sensors.Reading.class.getName();
  private final Plan plan = Planner.plan(Sensors.class);

  private StageSpec stage(int n) {
    return plan.stage("sensors-" + n).orElseThrow();
  }

  private OperatorSpec operator(String name) {
    return plan.stages().stream().flatMap(s -> s.operators().stream()).filter(o -> o.name().equals(name))
        .findFirst().orElseThrow();
  }

  @Test
  void theSourceStageReadsEventTime() {
    StageSpec source = stage(1);
    assertThat(source.input().eventTime()).isEqualTo(new EventTimeSpec("at", 5_000, 60_000, 86_400_000L, 0L));
    assertThat(source.time()).isEqualTo(new TimeSpec(List.of(), 0));
    assertThat(source.operators()).isEmpty();
    assertThat(stage(2).input().eventTime()).isNull();
  }

  @Test
  void everyOtherStageFollowsTheStageWritingItsInputAndTicks() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("sensors-1", "sensors-2", "sensors-3");
    assertThat(stage(2).time()).isEqualTo(new TimeSpec(List.of("sensors-1"), 300));
    assertThat(stage(3).keyField()).isEqualTo("site");
    assertThat(stage(3).input().stream()).isEqualTo("sensors-siteAverage");
    assertThat(stage(3).time()).isEqualTo(new TimeSpec(List.of("sensors-2"), 300));
    assertThat(stage(3).operators()).extracting(OperatorSpec::name).containsExactly("siteMax");
  }

  @Test
  void tumblingCountWithLatenessAndALateNodeRoutedToASink() {
    assertThat(operator("perMinute")).isEqualTo(new OperatorSpec("perMinute", OperatorKind.WINDOW, "perMinute",
        "readings", READING, Sensors.Count.class.getName(),
        new WindowSpec(WindowKind.TUMBLING, 60_000, 60_000, 0, 10_000, "lateReadings",
            new AggregateSpec(AggregateKind.COUNT, null, null)), null));
    List<OperatorSpec> operators = stage(2).operators();
    int window = operators.indexOf(operator("perMinute"));
    assertThat(operators.get(window + 1))
        .isEqualTo(new OperatorSpec("lateReadings", OperatorKind.LATE, "", "perMinute", READING, READING));
    assertThat(operator("lateCopy").from()).isEqualTo("lateReadings");
    assertThat(stage(2).outputs()).contains(
        new OutputSpec("sensors-late", OutputKind.TABLE, "lateCopy", "sensors-late", "sensor", READING),
        new OutputSpec("counts", OutputKind.CONSOLE, "perMinute", null, null, Sensors.Count.class.getName()));
  }

  @Test
  void slidingAndBuiltInAggregatesOfAField() {
    assertThat(operator("slidingSum").window()).isEqualTo(new WindowSpec(WindowKind.SLIDING, 60_000, 10_000, 0, 0,
        null, new AggregateSpec(AggregateKind.SUM, "celsius", null)));
    assertThat(operator("lowestBattery").window().aggregate())
        .isEqualTo(new AggregateSpec(AggregateKind.MIN, "battery", null));
    assertThat(operator("hottest").window().aggregate())
        .isEqualTo(new AggregateSpec(AggregateKind.MAX, "celsius", null));
    assertThat(operator("siteAverage").window()).isEqualTo(new WindowSpec(WindowKind.TUMBLING, 60_000, 60_000, 0, 0,
        null, new AggregateSpec(AggregateKind.AVERAGE, "celsius", null)));
    assertThat(operator("siteMax").inputType()).isEqualTo(Sensors.SiteReading.class.getName());
  }

  @Test
  void sessionWindowsWithAUserFunctionFoundThroughItsSuperclass() {
    assertThat(operator("sessionMean").window()).isEqualTo(new WindowSpec(WindowKind.SESSION, 0, 0, 1_800_000, 0,
        null, new AggregateSpec(AggregateKind.FUNCTION, null, Sensors.MeanCelsius.class.getName())));
    assertThat(operator("sessionMean").outputType()).isEqualTo(Sensors.Stat.class.getName());
    assertThat(stage(2).state()).contains(new StateSpec("window", "sessionMean", StateKind.WINDOW, "sensors-state",
        List.of(Sensors.SumCount.class.getName()), Sensors.MeanCelsius.class.getName(), 0));
  }

  @Test
  void fullWindowsKeepTheRecords() {
    assertThat(operator("hourly")).isEqualTo(new OperatorSpec("hourly", OperatorKind.WINDOW, "hourly", "readings",
        READING, Sensors.Batch.class.getName(), new WindowSpec(WindowKind.TUMBLING, 3_600_000, 3_600_000, 0, 0, null,
            null), null));
    assertThat(stage(2).state()).contains(
        new StateSpec("window", "hourly", StateKind.WINDOW, "sensors-state", List.of(READING), null, 0),
        new StateSpec("window", "perMinute", StateKind.WINDOW, "sensors-state", List.of(), null, 0));
  }

  @Test
  void timersNameTheirHandlerAndAreState() {
    assertThat(operator("silence")).isEqualTo(new OperatorSpec("silence", OperatorKind.PROCESS, "silence", "readings",
        READING, Sensors.Alarm.class.getName(), null, "onSilence"));
    assertThat(operator("silence").hasTimers()).isTrue();
    assertThat(plan.stages()).flatExtracting(StageSpec::operators).extracting(OperatorSpec::name)
        .doesNotContain("onSilence");
    assertThat(stage(2).state()).filteredOn(s -> s.operator().equals("silence")).containsExactly(
        new StateSpec("last", "silence", StateKind.VALUE, "sensors-state", List.of("java.lang.Long"), null, 0),
        new StateSpec("timers", "silence", StateKind.TIMERS, "sensors-state", List.of(), null, 0));
  }

  @Test
  void statefulStagesRunExactlyOnceAndTheTablesAreInAFixedOrder() {
    assertThat(plan.stages()).allSatisfy(s -> assertThat(s.batching()).isEqualTo(BatchingSpec.EXACTLY_ONCE));
    assertThat(plan.tables()).containsExactly(
        new TableSpec("sensors-late", TableRole.SINK, "sensor", null),
        new TableSpec("sensors-dead-letters", TableRole.DEAD_LETTER, "source", "position"),
        new TableSpec("sensors-state", TableRole.STATE, "pk", null),
        new TableSpec("sensors-checkpoints", TableRole.CHECKPOINT, "pk", null),
        new TableSpec("sensors-state-log", TableRole.STATE_LOG, "pk", "sk"),
        new TableSpec("sensors-progress", TableRole.PROGRESS, "stage", "shard"),
        new TableSpec("sensors-timers", TableRole.TIMERS, "pk", "sk"));
  }

  @Test
  void roundTripsAndIsDeterministic() {
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(PlanJson.write(Planner.plan(Sensors.class))).isEqualTo(json);
    assertThat(json).contains("\"upstreamStages\" : [ \"sensors-1\" ]", "\"tickSeconds\" : 300",
        "\"lateNode\" : \"lateReadings\"", "\"onTimer\" : \"onSilence\"");
  }

  @Test
  void jobsWithoutTimeHaveNone() {
    for (Class<?> job : List.of(Shop.class, Clicks.class)) {
      Plan untimed = Planner.plan(job);
      assertThat(untimed.stages()).allSatisfy(s -> {
        assertThat(s.time()).isNull();
        assertThat(s.input().eventTime()).isNull();
      });
      assertThat(untimed.tables()).extracting(TableSpec::role).doesNotContain(TableRole.PROGRESS, TableRole.TIMERS);
      assertThat(PlanJson.write(untimed)).doesNotContain("\"time\"", "eventTime", "onTimer", "\"window\"");
    }
  }

  @StreamingJob("stamped")
  public static class EventTimeOnly {
    @Source(stream = "stamped-in")
    @EventTime(field = "at")
    @KeyBy("id")
    public record Event(String id, java.time.Instant at) {}

    @KeyedProcess(from = "stamped-in")
    @Sink(console = true)
    public Event same(Event e, @State("n") ValueState<Long> n) {
      return e;
    }
  }

  @StreamingJob("unbounded")
  public static class UnboundedEventTime {
    @Source(stream = "unbounded-in")
    @EventTime(field = "at", maxAhead = "", allowNegative = true)
    public record Event(String id, long at) {}

    @dev.runnel.api.MapEach(from = "unbounded-in")
    @Sink(console = true)
    public Event same(Event e) {
      return e;
    }
  }

  @Test
  void anEmptyMaxAheadAndAllowedNegativeTimesLeaveTheRangeOpen() {
    Plan unbounded = Planner.plan(UnboundedEventTime.class);
    assertThat(unbounded.stages().get(0).input().eventTime()).isEqualTo(new EventTimeSpec("at", 0, 0, null, null));
  }

  @Test
  void eventTimeAloneGivesTimeAndAProgressTableButNoTimerIndex() {
    Plan stamped = Planner.plan(EventTimeOnly.class);
    assertThat(stamped.stages().get(0).input().eventTime()).isEqualTo(new EventTimeSpec("at", 0, 0, 86_400_000L, 0L));
    assertThat(stamped.stages()).extracting(StageSpec::time)
        .containsExactly(new TimeSpec(List.of(), 0), new TimeSpec(List.of("stamped-1"), 60));
    assertThat(stamped.tables()).extracting(TableSpec::role).contains(TableRole.PROGRESS)
        .doesNotContain(TableRole.TIMERS);
  }

  public record Visit(String user, long millis) {}

  @StreamingJob(value = "idle", tick = "PT2M")
  public static class ProcessingTimeTimers {
    @Source(stream = "visits")
    public record In(String user, long millis) {}

    @dev.runnel.api.MapEach(from = "visits")
    @KeyBy("user")
    public Visit visit(In in) {
      return new Visit(in.user(), in.millis());
    }

    @KeyedProcess(from = "visit")
    public void remember(Visit visit, Timers timers, @State("seen") ValueState<Long> seen) {
      timers.registerProcessingTimeTimer(timers.currentProcessingTime() + 60_000);
    }

    @OnTimer("remember")
    public void expire(Timer timer, Timers timers, @State("seen") ValueState<Long> seen) {
      seen.clear();
    }
  }

  @Test
  void timersWithoutEventTimeStillTick() {
    Plan idle = Planner.plan(ProcessingTimeTimers.class);
    assertThat(idle.stages()).extracting(StageSpec::time)
        .containsExactly(new TimeSpec(List.of(), 0), new TimeSpec(List.of("idle-1"), 120));
    assertThat(idle.stages().get(0).input().eventTime()).isNull();
    assertThat(idle.stages().get(1).operators()).extracting(OperatorSpec::name, OperatorSpec::onTimer)
        .containsExactly(tuple("remember", "expire"));
    assertThat(idle.tables()).extracting(TableSpec::role).contains(TableRole.PROGRESS, TableRole.TIMERS);
  }

  @StreamingJob("by-type")
  public static class WindowsFoundByType {
    @Source(stream = "events")
    @EventTime(field = "at")
    @KeyBy("user")
    public record Event(String user, long at) {}

    public record Size(String user, long events) {}

    public static final class Counting implements dev.runnel.api.AggregateFunction<Event, Long, Long> {
      @Override public Long createAccumulator() {
        return 0L;
      }

      @Override public Long add(Event value, Long accumulator) {
        return accumulator + 1;
      }

      @Override public Long getResult(Long accumulator) {
        return accumulator;
      }
    }

    @dev.runnel.api.Window(size = "PT1M")
    @Sink(console = true)
    public Size all(dev.runnel.api.Windowed<List<Event>> window) {
      return new Size(window.key(), window.value().size());
    }

    @dev.runnel.api.Window(size = "PT1M")
    @dev.runnel.api.Aggregate(function = Counting.class)
    @Sink(console = true, name = "counted")
    public Size counted(dev.runnel.api.Windowed<Long> window) {
      return new Size(window.key(), window.value());
    }
  }

  @Test
  void aWindowWithoutFromReadsTheOneNodeEmittingItsRecords() {
    Plan byType = Planner.plan(WindowsFoundByType.class);
    assertThat(byType.stages().get(1).operators()).extracting(OperatorSpec::name, OperatorSpec::from)
        .containsExactly(tuple("all", "events"), tuple("counted", "events"));
    assertThat(byType.stages().get(1).state()).extracting(StateSpec::typeArguments)
        .containsExactly(List.of(WindowsFoundByType.Event.class.getName()), List.of("java.lang.Long"));
  }

  @Test
  void explainsWindowsTimersAndTime() {
    String text = Explainer.text(plan);
    assertThat(text).contains(
        "event time: field at, out of order up to 5 s, idle after 1 min, at most 1 d ahead, not negative",
        "watermark: min of stage sensors-1; tick every 5 min",
        "perMinute  window   Reading -> Count   (reads readings)",
        "tumbling 1 min, count, lateness 10 s, late records -> lateReadings",
        "lateReadings late     Reading -> Reading   (reads perMinute)",
        "records later than perMinute's allowed lateness",
        "sliding 1 min every 10 s, sum of celsius, late records -> dead letters",
        "session, gap 30 min, aggregate MeanCelsius",
        "tumbling 1 h, all records",
        "timers fire onSilence(Timer, ...)",
        "state timers: timers in the state log",
        "state window: window<SumCount> in the state log",
        "watermarks: table sensors-progress",
        "state log: table sensors-state-log").doesNotContain("timer index");
    assertThat(Explainer.text(Planner.plan(Sensors.class, StateLayout.KEYS))).as("the per-key layout").contains(
        "state timers: timers in table sensors-state", "timer index: table sensors-timers");
    String mermaid = Explainer.mermaid(plan);
    assertThat(mermaid).contains("subgraph stage_sensors_2 [\"stage sensors-2<br/>tick 5 min\"]",
        "sensors_1_in([\"Reading<br/>event time at\"])",
        "sensors_2_perMinute[\"perMinute<br/>window<br/>tumbling 1 min, count, lateness 10 s, late records to lateReadings\"]",
        "sensors_2_perMinute -. late .-> sensors_2_lateReadings",
        "sensors_2_silence[\"silence<br/>process<br/>timers: onSilence\"]");
  }
}
