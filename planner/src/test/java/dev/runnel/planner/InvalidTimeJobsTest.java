package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.ListState;
import dev.runnel.api.MapEach;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.ValueState;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mistakes with event time, windows, timers and ticks: each fails planning with the place and what to change. */
class InvalidTimeJobsTest {
  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    assertThat(thrown.getMessage()).contains(thrown.problems().get(0).fix());
    return thrown.problems().get(0);
  }

  public record Out(String user, long value) {}

  /** Records of a window, for the aggregate functions below. */
  public record Other(String user) {}

  public record Acc(long n) {}

  public static final class CountOthers implements AggregateFunction<Other, Acc, Long> {
    @Override public Acc createAccumulator() {
      return new Acc(0);
    }

    @Override public Acc add(Other value, Acc accumulator) {
      return new Acc(accumulator.n() + 1);
    }

    @Override public Long getResult(Acc accumulator) {
      return accumulator.n();
    }
  }

  public static final class CountAnything implements AggregateFunction<Object, Acc, Long> {
    @Override public Acc createAccumulator() {
      return new Acc(0);
    }

    @Override public Acc add(Object value, Acc accumulator) {
      return new Acc(accumulator.n() + 1);
    }

    @Override public Long getResult(Acc accumulator) {
      return accumulator.n();
    }
  }

  // ---- @EventTime

  @StreamingJob("et-no-source")
  public static class EventTimeWithoutSource {
    @Source(stream = "events") @Sink(console = true) public record In(String user, long at) {}

    @EventTime(field = "at") public record Stamp(long at) {}
  }

  @Test
  void eventTimeOnARecordThatIsNotASource() {
    JobProblem p = onlyProblem(EventTimeWithoutSource.class);
    assertThat(p.where()).isEqualTo("InvalidTimeJobsTest.EventTimeWithoutSource.Stamp");
    assertThat(p.problem()).contains("has @EventTime but is not a @Source");
    assertThat(p.fix()).contains("Put @EventTime on the @Source record type");
  }

  @StreamingJob("et-field")
  public static class EventTimeOnAMissingField {
    @Source(stream = "events") @EventTime(field = "time") @Sink(console = true) public record In(String user, long at) {}
  }

  @Test
  void eventTimeFieldThatIsNoComponent() {
    JobProblem p = onlyProblem(EventTimeOnAMissingField.class);
    assertThat(p.problem()).contains("@EventTime(field = \"time\") names no field of InvalidTimeJobsTest.EventTimeOnAMissingField.In");
    assertThat(p.fix()).contains("[user, at]");
  }

  @StreamingJob("et-type")
  public static class EventTimeOfTheWrongType {
    @Source(stream = "events") @EventTime(field = "at") @Sink(console = true) public record In(String user, double at) {}
  }

  @Test
  void eventTimeFieldOfAnotherType() {
    JobProblem p = onlyProblem(EventTimeOfTheWrongType.class);
    assertThat(p.problem()).contains("@EventTime field 'at' is a double");
    assertThat(p.fix()).contains("long, int, Long or Integer", "java.time.Instant", "String");
  }

  @StreamingJob("et-duration")
  public static class EventTimeBadDuration {
    @Source(stream = "events") @EventTime(field = "at", maxOutOfOrderness = "5 seconds") @Sink(console = true)
    public record In(String user, long at) {}
  }

  @Test
  void outOfOrdernessThatIsNotADuration() {
    JobProblem p = onlyProblem(EventTimeBadDuration.class);
    assertThat(p.problem()).contains("@EventTime(maxOutOfOrderness) \"5 seconds\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("\"PT5S\"");
  }

  @StreamingJob("et-negative")
  public static class EventTimeNegative {
    @Source(stream = "events") @EventTime(field = "at", maxOutOfOrderness = "PT-5S") @Sink(console = true)
    public record In(String user, long at) {}
  }

  @Test
  void negativeOutOfOrderness() {
    JobProblem p = onlyProblem(EventTimeNegative.class);
    assertThat(p.problem()).contains("\"PT-5S\" is negative");
    assertThat(p.fix()).contains("zero or more");
  }

  @StreamingJob("et-idle")
  public static class EventTimeBadIdle {
    @Source(stream = "events") @EventTime(field = "at", idleAfter = "1m") @Sink(console = true)
    public record In(String user, long at) {}
  }

  @Test
  void idleAfterThatIsNotADuration() {
    JobProblem p = onlyProblem(EventTimeBadIdle.class);
    assertThat(p.problem()).contains("@EventTime(idleAfter) \"1m\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("\"PT1M\"");
  }

  @StreamingJob("et-ahead")
  public static class EventTimeBadMaxAhead {
    @Source(stream = "events") @EventTime(field = "at", maxAhead = "1 day") @Sink(console = true)
    public record In(String user, long at) {}
  }

  @Test
  void maxAheadThatIsNotADuration() {
    JobProblem p = onlyProblem(EventTimeBadMaxAhead.class);
    assertThat(p.problem()).contains("@EventTime(maxAhead) \"1 day\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("\"P1D\"");
  }

  @StreamingJob("et-ahead-negative")
  public static class EventTimeNegativeMaxAhead {
    @Source(stream = "events") @EventTime(field = "at", maxAhead = "-P1D") @Sink(console = true)
    public record In(String user, long at) {}
  }

  @Test
  void negativeMaxAhead() {
    JobProblem p = onlyProblem(EventTimeNegativeMaxAhead.class);
    assertThat(p.problem()).contains("@EventTime(maxAhead) \"-P1D\" is negative");
    assertThat(p.fix()).contains("zero or more");
  }

  // ---- @Window: sizes

  @StreamingJob("w-none")
  public static class WindowWithoutLength {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void windowWithoutSizeOrGap() {
    JobProblem p = onlyProblem(WindowWithoutLength.class);
    assertThat(p.where()).isEqualTo("InvalidTimeJobsTest.WindowWithoutLength.count(Windowed)");
    assertThat(p.problem()).contains("sets none of size, slide and gap");
    assertThat(p.fix()).contains("size for tumbling", "size and slide for sliding", "gap for session");
  }

  @StreamingJob("w-gap-size")
  public static class GapAndSize {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", gap = "PT5M") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void sessionGapWithASize() {
    JobProblem p = onlyProblem(GapAndSize.class);
    assertThat(p.problem()).contains("sets gap together with size");
    assertThat(p.fix()).contains("Set gap alone for session windows");
  }

  @StreamingJob("w-slide-only")
  public static class SlideWithoutSize {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", slide = "PT10S") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void slideWithoutSize() {
    JobProblem p = onlyProblem(SlideWithoutSize.class);
    assertThat(p.problem()).contains("sets slide but no size");
    assertThat(p.fix()).contains("size = \"PT1M\", slide = \"PT10S\"");
  }

  @StreamingJob("w-slide-long")
  public static class SlideNotShorter {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", slide = "PT1M") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void slideAsLongAsTheSize() {
    JobProblem p = onlyProblem(SlideNotShorter.class);
    assertThat(p.problem()).contains("slide \"PT1M\" is not shorter than its size \"PT1M\"");
    assertThat(p.fix()).contains("remove slide for tumbling");
  }

  @StreamingJob("w-slide-divides")
  public static class SlideNotADivisor {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", slide = "PT7S") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void slideThatDoesNotDivideTheSize() {
    JobProblem p = onlyProblem(SlideNotADivisor.class);
    assertThat(p.problem()).contains("size \"PT1M\" is not a whole multiple of its slide \"PT7S\"");
    assertThat(p.fix()).contains("slide that divides the size");
  }

  @StreamingJob("w-bad-size")
  public static class SizeNotADuration {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "1m") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void sizeThatIsNotADuration() {
    JobProblem p = onlyProblem(SizeNotADuration.class);
    assertThat(p.problem()).contains("@Window(size) \"1m\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("\"PT1M\"");
  }

  @StreamingJob("w-zero-gap")
  public static class ZeroGap {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", gap = "PT0S") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void gapThatIsNotPositive() {
    JobProblem p = onlyProblem(ZeroGap.class);
    assertThat(p.problem()).contains("@Window(gap) \"PT0S\" is not positive");
    assertThat(p.fix()).contains("at least a millisecond");
  }

  @StreamingJob("w-lateness")
  public static class NegativeLateness {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", lateness = "-PT1S") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void negativeLateness() {
    JobProblem p = onlyProblem(NegativeLateness.class);
    assertThat(p.problem()).contains("@Window(lateness) \"-PT1S\" is negative");
  }

  // ---- @Window: signature

  @StreamingJob("w-param")
  public static class WindowOfARecord {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Sink(console = true) public In first(In in) {
      return in;
    }
  }

  @Test
  void windowTakingARecord() {
    JobProblem p = onlyProblem(WindowOfARecord.class);
    assertThat(p.problem()).contains("takes one parameter, the Windowed<V> result of one window");
    assertThat(p.fix()).contains("R name(Windowed<V> window)");
  }

  @StreamingJob("w-void")
  public static class WindowReturningNothing {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate public void count(Windowed<Long> w) {}
  }

  @Test
  void windowReturningNothing() {
    JobProblem p = onlyProblem(WindowReturningNothing.class);
    assertThat(p.problem()).contains("returns nothing");
    assertThat(p.fix()).contains("Return R, Optional<R> or List<R>");
  }

  @StreamingJob("w-full")
  public static class FullWindowOfAValue {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void fullWindowWhoseValueIsNotAList() {
    JobProblem p = onlyProblem(FullWindowOfAValue.class);
    assertThat(p.problem()).contains("without @Aggregate", "must be Windowed<List<T>>, not Windowed<java.lang.Long>");
    assertThat(p.fix()).contains("Windowed<List<T>>", "add @Aggregate");
  }

  @StreamingJob("w-full-type")
  public static class FullWindowOfAnotherType {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Sink(console = true) public Long count(Windowed<List<Other>> w) {
      return (long) w.value().size();
    }
  }

  @Test
  void fullWindowOfAnotherRecordType() {
    JobProblem p = onlyProblem(FullWindowOfAnotherType.class);
    assertThat(p.problem()).contains("its parameter is Windowed<List<InvalidTimeJobsTest.Other>>, but it reads 'events'");
    assertThat(p.fix()).contains("Windowed<List<InvalidTimeJobsTest.FullWindowOfAnotherType.In>>");
  }

  // ---- @Aggregate

  @StreamingJob("a-count-type")
  public static class CountOfDoubles {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate @Sink(console = true) public Double count(Windowed<Double> w) {
      return w.value();
    }
  }

  @Test
  void countIntoAnotherType() {
    JobProblem p = onlyProblem(CountOfDoubles.class);
    assertThat(p.problem()).contains("@Aggregate(kind = COUNT) results in a Long count");
    assertThat(p.fix()).contains("Windowed<Long>");
  }

  @StreamingJob("a-count-field")
  public static class CountOfAField {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(field = "n") @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void countWithAField() {
    JobProblem p = onlyProblem(CountOfAField.class);
    assertThat(p.problem()).contains("counts records and takes no field");
    assertThat(p.fix()).contains("Remove field", "SUM, MIN, MAX or AVERAGE");
  }

  @StreamingJob("a-sum-nofield")
  public static class SumWithoutField {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM) @Sink(console = true)
    public Double sum(Windowed<Double> w) {
      return w.value();
    }
  }

  @Test
  void sumWithoutAField() {
    JobProblem p = onlyProblem(SumWithoutField.class);
    assertThat(p.problem()).contains("@Aggregate(kind = SUM) needs the numeric field it aggregates");
    assertThat(p.fix()).contains("@Aggregate(kind = SUM, field = \"amount\")");
  }

  @StreamingJob("a-avg-type")
  public static class AverageAsLong {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(kind = Aggregate.Kind.AVERAGE, field = "n")
    @Sink(console = true) public Long average(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void averageIntoAnotherType() {
    JobProblem p = onlyProblem(AverageAsLong.class);
    assertThat(p.problem()).contains("@Aggregate(kind = AVERAGE) results in a Double");
    assertThat(p.fix()).contains("Windowed<Double>");
  }

  @StreamingJob("a-missing-field")
  public static class MaxOfAMissingField {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(kind = Aggregate.Kind.MAX, field = "amount")
    @Sink(console = true) public Double max(Windowed<Double> w) {
      return w.value();
    }
  }

  @Test
  void aggregateFieldThatTheRecordsLack() {
    JobProblem p = onlyProblem(MaxOfAMissingField.class);
    assertThat(p.problem()).contains("@Aggregate(field = \"amount\") names no field of", "from 'events'");
    assertThat(p.fix()).contains("numeric fields: [at, n]");
  }

  @StreamingJob("a-text-field")
  public static class MinOfText {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(kind = Aggregate.Kind.MIN, field = "user")
    @Sink(console = true) public Double min(Windowed<Double> w) {
      return w.value();
    }
  }

  @Test
  void aggregateFieldThatIsNotANumber() {
    JobProblem p = onlyProblem(MinOfText.class);
    assertThat(p.problem()).contains("@Aggregate(field = \"user\") is a String field", "not a number");
    assertThat(p.fix()).contains("[at, n]");
  }

  @StreamingJob("a-fn-input")
  public static class FunctionOfAnotherType {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(function = CountOthers.class) @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void aggregateFunctionOverAnotherRecordType() {
    JobProblem p = onlyProblem(FunctionOfAnotherType.class);
    assertThat(p.problem()).contains("its aggregate function InvalidTimeJobsTest.CountOthers adds"
        + " InvalidTimeJobsTest.Other, but the window reads 'events'");
    assertThat(p.fix()).contains("AggregateFunction<InvalidTimeJobsTest.FunctionOfAnotherType.In, A, O>");
  }

  @StreamingJob("a-fn-result")
  public static class FunctionOfAnotherResult {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate(function = CountAnything.class) @Sink(console = true)
    public Double count(Windowed<Double> w) {
      return w.value();
    }
  }

  @Test
  void aggregateFunctionWithAnotherResult() {
    JobProblem p = onlyProblem(FunctionOfAnotherResult.class);
    assertThat(p.problem()).contains("Windowed<java.lang.Double>, but InvalidTimeJobsTest.CountAnything results in"
        + " java.lang.Long");
    assertThat(p.fix()).contains("Windowed<java.lang.Long>");
  }

  @StreamingJob("a-fn-merge")
  public static class SessionsWithoutMerge {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", gap = "PT30M") @Aggregate(function = CountAnything.class) @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void sessionsWithAFunctionThatDoesNotMerge() {
    JobProblem p = onlyProblem(SessionsWithoutMerge.class);
    assertThat(p.problem()).contains("does not implement merge");
    assertThat(p.fix()).contains("Implement merge(A left, A right) in InvalidTimeJobsTest.CountAnything");
  }

  @StreamingJob("a-no-window")
  public static class AggregateWithoutWindow {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at, double n) {}

    @KeyedProcess(from = "events") @Aggregate @Sink(console = true) public In same(In in) {
      return in;
    }
  }

  @Test
  void aggregateOnAProcess() {
    JobProblem p = onlyProblem(AggregateWithoutWindow.class);
    assertThat(p.problem()).contains("has @Aggregate, which only a @Window method takes");
    assertThat(p.fix()).contains("Remove @Aggregate");
  }

  @StreamingJob("a-no-from")
  public static class CountWithoutFrom {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(size = "PT1M") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void builtInAggregateWithoutFrom() {
    JobProblem p = onlyProblem(CountWithoutFrom.class);
    assertThat(p.problem()).contains("cannot tell from its signature which records it reads");
    assertThat(p.fix()).contains("@Window(from = \"events\", ...)");
  }

  // ---- @Window: wiring

  @StreamingJob("w-unkeyed")
  public static class WindowOfAnUnkeyedSource {
    @Source(stream = "events") @EventTime(field = "at") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void windowWithoutAKey() {
    JobProblem p = onlyProblem(WindowOfAnUnkeyedSource.class);
    assertThat(p.problem()).contains("windows records per key but its input is not keyed", "source 'events'");
    assertThat(p.fix()).contains("Add @KeyBy(\"field\") to 'events' (the source record type it reads)");
  }

  @StreamingJob("w-no-time")
  public static class WindowWithoutEventTime {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void windowOverASourceWithoutEventTime() {
    JobProblem p = onlyProblem(WindowWithoutEventTime.class);
    assertThat(p.where()).contains("count(");
    assertThat(p.problem()).contains("windows by event time, but source 'events'", "declares none");
    assertThat(p.fix()).contains("Annotate the source record type InvalidTimeJobsTest.WindowWithoutEventTime.In with"
        + " @EventTime(field = \"...\"");
  }

  @StreamingJob("w-then-process")
  public static class ProcessOfAWindow {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M") @Aggregate public Out count(Windowed<Long> w) {
      return new Out(w.key(), w.value());
    }

    @KeyedProcess(from = "count") @Sink(console = true) public Out total(Out out, @State("n") ValueState<Long> n) {
      return out;
    }
  }

  @Test
  void statefulOperatorReadingAWindowWithoutANewKey() {
    JobProblem p = onlyProblem(ProcessOfAWindow.class);
    assertThat(p.where()).contains("total(");
    assertThat(p.problem()).contains("uses keyed state but its input is not keyed",
        "window 'count' (a window's results are not keyed)");
    assertThat(p.fix()).contains("Add @KeyBy(\"field\") to 'count' (the operator it reads)");
  }

  @StreamingJob("w-late-process")
  public static class ProcessOfLateRecords {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", late = "tooLate") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }

    @KeyedProcess(from = "tooLate") @Sink(console = true, name = "late") public In again(In in, @State("n") ValueState<Long> n) {
      return in;
    }
  }

  @Test
  void statefulOperatorReadingLateRecordsWithoutANewKey() {
    JobProblem p = onlyProblem(ProcessOfLateRecords.class);
    assertThat(p.problem()).contains("late node 'tooLate'");
    assertThat(p.fix()).contains("Read 'tooLate' with an operator that has @KeyBy(\"field\")");
  }

  @StreamingJob("w-late-unread")
  public static class LateNodeReadByNothing {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", late = "tooLate") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }
  }

  @Test
  void lateNodeThatNothingReads() {
    JobProblem p = onlyProblem(LateNodeReadByNothing.class);
    assertThat(p.problem()).contains("its late node 'tooLate' is read by no operator");
    assertThat(p.fix()).contains("from = \"tooLate\"", "or remove late", "dead-letter table");
  }

  @StreamingJob("w-late-name")
  public static class LateNodeNamedLikeAnOperator {
    @Source(stream = "events") @EventTime(field = "at") @KeyBy("user") public record In(String user, long at, double n) {}

    @Window(from = "events", size = "PT1M", late = "copy") @Aggregate @Sink(console = true)
    public Long count(Windowed<Long> w) {
      return w.value();
    }

    @MapEach(from = "events") @Sink(console = true, name = "copies") public In copy(In in) {
      return in;
    }
  }

  @Test
  void lateNodeNameTaken() {
    JobProblem p = onlyProblem(LateNodeNamedLikeAnOperator.class);
    assertThat(p.problem()).contains("late = \"copy\" is also the name of InvalidTimeJobsTest.LateNodeNamedLikeAnOperator.copy(");
    assertThat(p.fix()).contains("another name");
  }

  // ---- timers

  @StreamingJob("t-nowhere")
  public static class OnTimerForNothing {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in) {
      return in;
    }

    @OnTimer("sam") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerNamingNoOperator() {
    JobProblem p = onlyProblem(OnTimerForNothing.class);
    assertThat(p.where()).contains("fired(Timer)");
    assertThat(p.problem()).contains("@OnTimer(\"sam\") names no operator");
    assertThat(p.fix()).contains("Name a @KeyedProcess method that takes a Timers parameter");
  }

  @StreamingJob("t-map")
  public static class OnTimerForAMap {
    @Source(stream = "events") public record In(String user, long at) {}

    @MapEach(from = "events") @Sink(console = true) public In same(In in) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerNamingAMap() {
    JobProblem p = onlyProblem(OnTimerForAMap.class);
    assertThat(p.problem()).contains("names a map operator, but only a @KeyedProcess registers timers");
  }

  @StreamingJob("t-no-timers")
  public static class OnTimerForAProcessWithoutTimers {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerForAProcessWithoutTimers() {
    JobProblem p = onlyProblem(OnTimerForAProcessWithoutTimers.class);
    assertThat(p.problem()).contains("which has no Timers parameter and so never registers a timer");
    assertThat(p.fix()).contains("Add a Timers parameter to same");
  }

  @StreamingJob("t-no-handler")
  public static class TimersWithoutHandler {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers timers) {
      return in;
    }
  }

  @Test
  void timersWithoutAnOnTimerMethod() {
    JobProblem p = onlyProblem(TimersWithoutHandler.class);
    assertThat(p.where()).contains("same(InvalidTimeJobsTest.TimersWithoutHandler.In, Timers)");
    assertThat(p.problem()).contains("takes Timers but no @OnTimer method handles its timers");
    assertThat(p.fix()).contains("@OnTimer(\"same\") public R name(Timer timer, ...)");
  }

  @StreamingJob("t-two-handlers")
  public static class TwoHandlers {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers timers) {
      return in;
    }

    @OnTimer("same") public Optional<In> first(Timer timer) {
      return Optional.empty();
    }

    @OnTimer("same") public Optional<In> second(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void twoOnTimerMethodsForOneOperator() {
    JobProblem p = onlyProblem(TwoHandlers.class);
    assertThat(p.where()).contains("second(Timer)");
    assertThat(p.problem()).contains("is a second @OnTimer(\"same\"); the first is", "first(Timer)");
    assertThat(p.fix()).contains("in one method");
  }

  @StreamingJob("t-unknown-state")
  public static class HandlerWithAnUndeclaredState {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In same(In in, @State("count") ValueState<Long> count, Timers timers) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer, @State("sum") ValueState<Long> sum) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerStateThatTheOperatorDoesNotDeclare() {
    JobProblem p = onlyProblem(HandlerWithAnUndeclaredState.class);
    assertThat(p.problem()).contains("its state 'sum' is not a state of same");
    assertThat(p.fix()).contains("Use same's states [count]");
  }

  @StreamingJob("t-state-type")
  public static class HandlerWithAnotherStateType {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In same(In in, @State("count") ValueState<Long> count, Timers timers) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer, @State("count") ListState<Long> count) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerStateOfAnotherType() {
    JobProblem p = onlyProblem(HandlerWithAnotherStateType.class);
    assertThat(p.problem()).contains("its state 'count' is a ListState<Long>, but same declares it as a ValueState<Long>");
    assertThat(p.fix()).contains("Declare it exactly as same does: ValueState<Long>");
  }

  @StreamingJob("t-first-param")
  public static class HandlerWithoutTimer {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers timers) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(long time) {
      return Optional.empty();
    }
  }

  @Test
  void onTimerWhoseFirstParameterIsNotTheTimer() {
    JobProblem p = onlyProblem(HandlerWithoutTimer.class);
    assertThat(p.problem()).contains("the first parameter of an @OnTimer method is the Timer that fired, but this one is a long");
    assertThat(p.fix()).contains("R name(Timer timer, @State handles..., Timers timers)");
  }

  @StreamingJob("t-result")
  public static class HandlerEmittingAnotherType {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers timers) {
      return in;
    }

    @OnTimer("same") public List<Out> fired(Timer timer) {
      return List.of();
    }
  }

  @Test
  void onTimerEmittingAnotherType() {
    JobProblem p = onlyProblem(HandlerEmittingAnotherType.class);
    assertThat(p.problem()).contains("emits InvalidTimeJobsTest.Out, but same emits InvalidTimeJobsTest.HandlerEmittingAnotherType.In");
    assertThat(p.fix()).contains("Optional<InvalidTimeJobsTest.HandlerEmittingAnotherType.In>");
  }

  @StreamingJob("t-twice")
  public static class TimersTwice {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers a, Timers b) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void timersParameterTwice() {
    JobProblem p = onlyProblem(TimersTwice.class);
    assertThat(p.problem()).contains("takes Timers twice");
    assertThat(p.fix()).contains("Keep one Timers parameter");
  }

  @StreamingJob("t-reserved")
  public static class StateNamedTimers {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In same(In in, @State("timers") ValueState<Long> count, Timers timers) {
      return in;
    }

    @OnTimer("same") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void stateNamedLikeTheTimers() {
    JobProblem p = onlyProblem(StateNamedTimers.class);
    assertThat(p.problem()).contains("names a state 'timers'");
    assertThat(p.fix()).contains("Rename the @State(\"timers\") parameter");
  }

  @StreamingJob("t-sink")
  public static class HandlerWithASink {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long at) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In same(In in, Timers timers) {
      return in;
    }

    @OnTimer("same") @Sink(console = true, name = "timed") public Optional<In> fired(Timer timer) {
      return Optional.empty();
    }
  }

  @Test
  void sinkOnAnOnTimerMethod() {
    JobProblem p = onlyProblem(HandlerWithASink.class);
    assertThat(p.problem()).contains("an @OnTimer method is not a node");
    assertThat(p.fix()).contains("Move @KeyBy and @Sink to same");
  }

  // ---- tick

  @StreamingJob(value = "tick-short", tick = "PT30S")
  public static class TickTooShort {
    @Source(stream = "events") @Sink(console = true) public record In(String user, long at) {}
  }

  @Test
  void tickShorterThanAMinute() {
    JobProblem p = onlyProblem(TickTooShort.class);
    assertThat(p.where()).isEqualTo("InvalidTimeJobsTest.TickTooShort");
    assertThat(p.problem()).contains("tick \"PT30S\" is shorter than a minute");
    assertThat(p.fix()).contains("at least \"PT1M\"", "EventBridge schedules wake a stage at most once a minute");
  }

  @StreamingJob(value = "tick-odd", tick = "PT90S")
  public static class TickNotWholeMinutes {
    @Source(stream = "events") @Sink(console = true) public record In(String user, long at) {}
  }

  @Test
  void tickThatIsNotWholeMinutes() {
    JobProblem p = onlyProblem(TickNotWholeMinutes.class);
    assertThat(p.problem()).contains("is not a whole number of minutes");
    assertThat(p.fix()).contains("\"PT5M\"");
  }

  @StreamingJob(value = "tick-text", tick = "1 minute")
  public static class TickNotADuration {
    @Source(stream = "events") @Sink(console = true) public record In(String user, long at) {}
  }

  @Test
  void tickThatIsNotADuration() {
    JobProblem p = onlyProblem(TickNotADuration.class);
    assertThat(p.problem()).contains("tick \"1 minute\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("tick = \"PT5M\"");
  }

  @Test
  void reportsEveryTimeProblemAtOnce() {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(ManyTimeMistakes.class));
    assertThat(thrown.problems()).extracting(JobProblem::problem).anySatisfy(p -> assertThat(p).contains("tick"))
        .anySatisfy(p -> assertThat(p).contains("sets none of size, slide and gap"))
        .anySatisfy(p -> assertThat(p).contains("@EventTime(maxOutOfOrderness)"))
        .anySatisfy(p -> assertThat(p).contains("takes Timers but no @OnTimer"));
  }

  @StreamingJob(value = "many-time", tick = "PT1S")
  public static class ManyTimeMistakes {
    @Source(stream = "events") @EventTime(field = "at", maxOutOfOrderness = "soon") @KeyBy("user")
    public record In(String user, long at) {}

    @Window(from = "events") @Aggregate @Sink(console = true) public Long count(Windowed<Long> w) {
      return w.value();
    }

    @KeyedProcess(from = "events") @Sink(console = true, name = "same") public In same(In in, Timers timers) {
      return in;
    }
  }
}
