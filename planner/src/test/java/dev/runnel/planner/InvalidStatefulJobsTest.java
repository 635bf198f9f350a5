package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Reduce;
import dev.runnel.api.ReducingState;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import org.junit.jupiter.api.Test;

/** Mistakes with keyed state: each must fail planning with the place and what to change. */
class InvalidStatefulJobsTest {
  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    return thrown.problems().get(0);
  }

  public record Event(String user, long n) {}

  @StreamingJob("unkeyed")
  public static class StateWithoutKey {
    @Source(stream = "events") public record In(String user, long n) {}

    @MapEach(from = "events") public Event convert(In in) {
      return new Event(in.user(), in.n());
    }

    @KeyedProcess(from = "convert") @Sink(console = true) public Event count(Event e, @State("n") ValueState<Long> n) {
      return e;
    }
  }

  @Test
  void keyedStateWithoutAKeyBy() {
    JobProblem p = onlyProblem(StateWithoutKey.class);
    assertThat(p.where()).contains("count(");
    assertThat(p.problem()).contains("uses keyed state but its input is not keyed", "source 'events'");
    assertThat(p.fix()).contains("Add @KeyBy(\"field\") to 'convert' (the operator it reads)");
  }

  @StreamingJob("unnamed")
  public static class StateWithoutName {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In count(In e, ValueState<Long> n) {
      return e;
    }
  }

  @Test
  void stateHandleWithoutStateName() {
    JobProblem p = onlyProblem(StateWithoutName.class);
    assertThat(p.problem()).contains("parameter 2 (ValueState) has no @State name");
    assertThat(p.fix()).contains("keep it stable");
  }

  @StreamingJob("twice")
  public static class TwoStatesOneName {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In count(In e, @State("n") ValueState<Long> a, @State("n") ValueState<Long> b) {
      return e;
    }
  }

  @Test
  void twoStatesWithOneName() {
    assertThat(onlyProblem(TwoStatesOneName.class).problem()).contains("two states named 'n'");
  }

  @StreamingJob("no-reducer")
  public static class ReducingStateWithoutFunction {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In sum(In e, @State("sum") ReducingState<Long> sum) {
      return e;
    }
  }

  @Test
  void reducingStateWithoutFunction() {
    JobProblem p = onlyProblem(ReducingStateWithoutFunction.class);
    assertThat(p.problem()).contains("needs a function");
    assertThat(p.fix()).contains("reduce = MyFunction.class");
  }

  @StreamingJob("bad-ttl")
  public static class BadTtl {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true)
    public In count(In e, @State(value = "n", ttl = "24 hours") ValueState<Long> n) {
      return e;
    }
  }

  @Test
  void ttlThatIsNotADuration() {
    JobProblem p = onlyProblem(BadTtl.class);
    assertThat(p.problem()).contains("ttl \"24 hours\" is not an ISO-8601 duration");
    assertThat(p.fix()).contains("PT24H");
  }

  @StreamingJob("raw")
  public static class RawState {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @SuppressWarnings("rawtypes")
    @KeyedProcess(from = "events") @Sink(console = true) public In count(In e, @State("n") ValueState n) {
      return e;
    }
  }

  @Test
  void rawStateHandle() {
    assertThat(onlyProblem(RawState.class).fix()).contains("ValueState<Long>");
  }

  @StreamingJob("bad-reduce")
  public static class ReduceOfTwoTypes {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @Reduce(from = "events") @Sink(console = true) public Event total(Event accumulated, In next) {
      return accumulated;
    }
  }

  @Test
  void reduceOverTwoTypes() {
    JobProblem p = onlyProblem(ReduceOfTwoTypes.class);
    assertThat(p.problem()).contains("a @Reduce combines two values of one type");
    assertThat(p.fix()).contains("T name(T accumulated, T next)");
  }

  @StreamingJob("void-sink")
  public static class VoidProcessWithSink {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true) public void remember(In e, @State("n") ValueState<In> n) {
      n.update(e);
    }
  }

  @Test
  void stateOnlyOperatorWithASink() {
    assertThat(onlyProblem(VoidProcessWithSink.class).problem()).contains("returns nothing, so it has no output");
  }

  @StreamingJob("not-a-handle")
  public static class ExtraParameter {
    @Source(stream = "events") @KeyBy("user") public record In(String user, long n) {}

    @KeyedProcess(from = "events") @Sink(console = true) public In count(In e, @State("n") Long n) {
      return e;
    }
  }

  @Test
  void parameterThatIsNotAStateHandle() {
    JobProblem p = onlyProblem(ExtraParameter.class);
    assertThat(p.problem()).contains("parameter 2 is a Long");
    assertThat(p.fix()).contains("ValueState, ListState, MapState, ReducingState or AggregatingState");
  }
}
