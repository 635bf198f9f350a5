package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.Codec;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each nested job has one mistake; planning it must fail with a message naming where it is and what to change. */
class InvalidJobsTest {

  /** The single problem planning the job reports. */
  private static JobProblem onlyProblem(Class<?> job) {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    assertThat(thrown.getMessage()).contains(job.getName()).contains(thrown.problems().get(0).fix());
    return thrown.problems().get(0);
  }

  public record In(String id, String user, long n) {}

  public record Out(String id, long n) {}

  // 1
  public static class NotAJob {
    @Source(stream = "things") public record Thing(String id) {}
  }

  @Test
  void classWithoutStreamingJob() {
    JobProblem p = onlyProblem(NotAJob.class);
    assertThat(p.where()).isEqualTo("InvalidJobsTest.NotAJob");
    assertThat(p.fix()).contains("@StreamingJob(\"job-name\")");
  }

  // 2
  @StreamingJob("Bad Name")
  public static class BadJobName {
    @Source(stream = "things") @Sink(console = true) public record Thing(String id) {}
  }

  @Test
  void jobNameWithSpacesAndCapitals() {
    JobProblem p = onlyProblem(BadJobName.class);
    assertThat(p.problem()).contains("'Bad Name'");
    assertThat(p.fix()).contains("lower-case letters");
  }

  // 3
  @StreamingJob("no-source")
  public static class NoSource {
    @MapEach public Out convert(In in) {
      return new Out(in.id(), in.n());
    }
  }

  @Test
  void jobWithoutSource() {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidJobException.class,
        () -> Planner.plan(NoSource.class));
    assertThat(thrown.problems()).extracting(JobProblem::problem)
        .contains("declares no source", "nothing in the job produces its input type InvalidJobsTest.In");
    assertThat(thrown.problems()).extracting(JobProblem::where)
        .contains("InvalidJobsTest.NoSource", "InvalidJobsTest.NoSource.convert(InvalidJobsTest.In)");
  }

  // 4
  @StreamingJob("unproduced")
  public static class InputNothingProduces {
    @Source(stream = "ins") public record Event(String id) {}

    @MapEach @Sink(console = true) public Out convert(In in) {
      return new Out(in.id(), in.n());
    }

    @Filter(from = "ins") @Sink(console = true, name = "events") public boolean keep(Event e) {
      return true;
    }
  }

  @Test
  void stageWhoseInputTypeNothingProduces() {
    JobProblem p = onlyProblem(InputNothingProduces.class);
    assertThat(p.where()).isEqualTo("InvalidJobsTest.InputNothingProduces.convert(InvalidJobsTest.In)");
    assertThat(p.problem()).contains("nothing in the job produces its input type InvalidJobsTest.In");
    assertThat(p.fix()).contains("@Source");
  }

  // 5
  @StreamingJob("unknown-source")
  public static class UnknownSource {
    @Source(stream = "orders") public record Order(String id) {}

    @Filter(from = "ordres") @Sink(console = true) public boolean keep(Order o) {
      return true;
    }
  }

  @Test
  void fromNamesAnUnknownSource() {
    JobProblem p = onlyProblem(UnknownSource.class);
    assertThat(p.where()).isEqualTo("InvalidJobsTest.UnknownSource.keep(InvalidJobsTest.UnknownSource.Order)");
    assertThat(p.problem()).contains("from = \"ordres\" names no source stream or operator");
    assertThat(p.fix()).contains("orders", "keep");
  }

  // 6
  @StreamingJob("cyclic")
  public static class Cycle {
    @Source(stream = "ins") @Sink(console = true) public record Event(String id) {}

    @MapEach(from = "second") public Event first(Event e) {
      return e;
    }

    @MapEach(from = "first") @Sink(console = true, name = "out") public Event second(Event e) {
      return e;
    }
  }

  @Test
  void cycleBetweenOperators() {
    JobProblem p = onlyProblem(Cycle.class);
    assertThat(p.problem()).contains("cycle").contains("first").contains("second");
    assertThat(p.fix()).contains("outside the cycle");
  }

  // 7
  @StreamingJob("bad-key")
  public static class KeyByMissingField {
    @Source(stream = "ins") public record Event(String id, String user) {}

    @MapEach(from = "ins") @KeyBy("customer") public Out convert(Event e) {
      return new Out(e.id(), 1);
    }

    @MapEach(from = "convert") @Sink(console = true) public Out same(Out o) {
      return o;
    }
  }

  @Test
  void keyByOnAMissingField() {
    JobProblem p = onlyProblem(KeyByMissingField.class);
    assertThat(p.where()).isEqualTo("InvalidJobsTest.KeyByMissingField.convert(InvalidJobsTest.KeyByMissingField.Event)");
    assertThat(p.problem()).contains("@KeyBy(\"customer\") names no field of InvalidJobsTest.Out");
    assertThat(p.fix()).contains("[id, n]");
  }

  // 8
  @StreamingJob("two-sinks")
  public static class TwoSinksOneName {
    @Source(stream = "ins") @Sink(name = "out", console = true) public record Event(String id) {}

    @Filter(from = "ins") @Sink(name = "out", table = "events", key = "id") public boolean keep(Event e) {
      return true;
    }
  }

  @Test
  void twoSinksWithOneName() {
    JobProblem p = onlyProblem(TwoSinksOneName.class);
    assertThat(p.problem()).contains("second sink named 'out'");
    assertThat(p.fix()).contains("@Sink(name = ");
  }

  // 9
  @StreamingJob("ambiguous")
  public static class AmbiguousInput {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") public boolean keep(Event e) {
      return true;
    }

    @MapEach @Sink(console = true) public Out convert(Event e) {
      return new Out(e.id(), 1);
    }
  }

  @Test
  void inputTypeProducedTwiceWithoutFrom() {
    JobProblem p = onlyProblem(AmbiguousInput.class);
    assertThat(p.where()).contains("convert");
    assertThat(p.problem()).contains("produced by [ins, keep]");
    assertThat(p.fix()).contains("from = \"keep\"");
  }

  // 10
  @StreamingJob("bad-filter")
  public static class FilterNotBoolean {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") @Sink(console = true) public Event keep(Event e) {
      return e;
    }
  }

  @Test
  void filterThatDoesNotReturnBoolean() {
    JobProblem p = onlyProblem(FilterNotBoolean.class);
    assertThat(p.problem()).contains("a @Filter returns boolean, but this one returns InvalidJobsTest.FilterNotBoolean.Event");
    assertThat(p.fix()).contains("@MapEach");
  }

  // 11
  @StreamingJob("bad-flatmap")
  public static class FlatMapNotIterable {
    @Source(stream = "ins") public record Event(String id) {}

    @FlatMap(from = "ins") @Sink(console = true) public Event[] split(Event e) {
      return new Event[] {e};
    }
  }

  @Test
  void flatMapReturningAnArray() {
    JobProblem p = onlyProblem(FlatMapNotIterable.class);
    assertThat(p.problem()).contains("@FlatMap returns List<R>");
    assertThat(p.fix()).contains("List<MyRecord>");
  }

  // 12
  @StreamingJob("two-params")
  public static class TwoParameters {
    @Source(stream = "ins") public record Event(String id) {}

    @MapEach(from = "ins") @Sink(console = true) public Out convert(Event e, long n) {
      return new Out(e.id(), n);
    }
  }

  @Test
  void operatorWithTwoParameters() {
    JobProblem p = onlyProblem(TwoParameters.class);
    assertThat(p.problem()).contains("exactly one parameter").contains("takes 2");
  }

  // 13
  @StreamingJob("wrong-type")
  public static class FromWrongType {
    @Source(stream = "ins") public record Event(String id) {}

    @MapEach(from = "ins") @Sink(console = true) public Out convert(In in) {
      return new Out(in.id(), in.n());
    }
  }

  @Test
  void fromANodeOfAnotherType() {
    JobProblem p = onlyProblem(FromWrongType.class);
    assertThat(p.problem()).contains("reads from 'ins', which emits InvalidJobsTest.FromWrongType.Event, but its parameter is InvalidJobsTest.In");
    assertThat(p.fix()).contains("Change the parameter to InvalidJobsTest.FromWrongType.Event");
  }

  // 14
  @StreamingJob("dead-end")
  public static class OutputGoesNowhere {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") public boolean keep(Event e) {
      return true;
    }
  }

  @Test
  void operatorWhoseOutputGoesNowhere() {
    JobProblem p = onlyProblem(OutputGoesNowhere.class);
    assertThat(p.where()).contains("keep");
    assertThat(p.problem()).contains("output goes nowhere");
    assertThat(p.fix()).contains("@Sink");
  }

  // 15
  @StreamingJob("loop")
  public static class WritesItsOwnSource {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") @Sink(stream = "ins") public boolean keep(Event e) {
      return true;
    }
  }

  @Test
  void sinkWritingTheSourceStream() {
    JobProblem p = onlyProblem(WritesItsOwnSource.class);
    assertThat(p.problem()).contains("process its own output forever");
  }

  // 16
  @StreamingJob("no-key")
  public static class TableSinkWithoutKey {
    @Source(stream = "ins") @Sink(table = "events") public record Event(String id) {}
  }

  @Test
  void tableSinkWithoutKey() {
    JobProblem p = onlyProblem(TableSinkWithoutKey.class);
    assertThat(p.where()).isEqualTo("InvalidJobsTest.TableSinkWithoutKey.Event");
    assertThat(p.fix()).contains("@Sink(table = \"events\", key = \"...\")");
  }

  // 17
  @StreamingJob("two-targets")
  public static class SinkWithTwoTargets {
    @Source(stream = "ins") @Sink(table = "events", stream = "events-out", key = "id") public record Event(String id) {}
  }

  @Test
  void sinkWithTwoTargets() {
    JobProblem p = onlyProblem(SinkWithTwoTargets.class);
    assertThat(p.problem()).contains("sets 2 of stream, topic, table and console");
  }

  // 18
  @StreamingJob("unused-key")
  public static class KeyByWithoutConsumer {
    @Source(stream = "ins") public record Event(String id, String user) {}

    @MapEach(from = "ins") @KeyBy("user") @Sink(console = true) public Event keyed(Event e) {
      return e;
    }
  }

  @Test
  void keyByThatNoOperatorReads() {
    JobProblem p = onlyProblem(KeyByWithoutConsumer.class);
    assertThat(p.problem()).contains("no operator reads from it");
    assertThat(p.fix()).contains("from = \"keyed\"");
  }

  // 19
  @StreamingJob("overloads")
  public static class OverloadedOperators {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") @Sink(console = true) public boolean keep(Event e) {
      return true;
    }

    @Filter(from = "ins") @Sink(console = true, name = "other") public boolean keep(Object o) {
      return true;
    }
  }

  @Test
  void twoOperatorsWithOneName() {
    JobProblem p = onlyProblem(OverloadedOperators.class);
    assertThat(p.problem()).contains("name 'keep' is also used by");
    assertThat(p.fix()).contains("Rename one of them");
  }

  // 20
  @StreamingJob("private-op")
  public static class PrivateOperator {
    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") @Sink(console = true) boolean keep(Event e) {
      return true;
    }
  }

  @Test
  void operatorThatIsNotPublic() {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidJobException.class,
        () -> Planner.plan(PrivateOperator.class));
    assertThat(thrown.problems().get(0).problem()).isEqualTo("operator method is not public");
  }

  // 21
  @StreamingJob("zero-shards")
  public static class ZeroShards {
    @Source(stream = "ins", shards = 0) @Sink(console = true) public record Event(String id) {}
  }

  @Test
  void sourceWithZeroShards() {
    JobProblem p = onlyProblem(ZeroShards.class);
    assertThat(p.problem()).contains("@Source(shards) is 0");
  }

  // 22
  @StreamingJob("bad-codec")
  public static class AbstractCodec {
    public abstract static class HalfCodec implements Codec<Event> {}

    @Source(stream = "ins", codec = HalfCodec.class) @Sink(console = true) public record Event(String id) {}
  }

  @Test
  void codecTheRuntimeCannotCreate() {
    JobProblem p = onlyProblem(AbstractCodec.class);
    assertThat(p.problem()).contains("codec InvalidJobsTest.AbstractCodec.HalfCodec cannot be created");
  }

  // 22b
  @StreamingJob("lenient-codec")
  public static class LenientUserCodec {
    public static final class TextCodec implements Codec<Event> {
      @Override
      public Event decode(byte[] bytes, Class<Event> type) {
        return new Event(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public byte[] encode(Event value) {
        return value.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    }

    @Source(stream = "ins", codec = TextCodec.class, decoding = dev.runnel.api.Decoding.LENIENT)
    @Sink(console = true) public record Event(String id) {}
  }

  @Test
  void lenientDecodingWithAUserCodec() {
    JobProblem p = onlyProblem(LenientUserCodec.class);
    assertThat(p.problem()).contains("@Source(decoding = LENIENT) applies to the built-in JSON codec")
        .contains("InvalidJobsTest.LenientUserCodec.TextCodec");
    assertThat(p.fix()).contains("Remove decoding");
  }

  // 23
  @StreamingJob("no-ctor")
  public static class NoDefaultConstructor {
    public NoDefaultConstructor(String config) {}

    @Source(stream = "ins") @Sink(console = true) public record Event(String id) {}
  }

  @Test
  void jobWithoutNoArgConstructor() {
    JobProblem p = onlyProblem(NoDefaultConstructor.class);
    assertThat(p.problem()).contains("no public no-argument constructor");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidJobException.class,
        () -> Planner.plan(ManyMistakes.class));
    assertThat(thrown.problems()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(thrown.getMessage()).contains("(" + thrown.problems().size() + " problems)");
  }

  @StreamingJob("many")
  public static class ManyMistakes {
    @Source(stream = "ins") public record Event(String id) {}

    @MapEach(from = "nope") @Sink(console = true) public Out a(Event e) {
      return null;
    }

    @MapEach(from = "ins") @KeyBy("missing") @Sink(console = true, name = "b") public Out b(Event e) {
      return null;
    }

    @Filter(from = "ins") public List<Event> c(Event e) {
      return null;
    }
  }

  @Test
  void plannerNeverRunsUserCode() {
    assertThatThrownBy(() -> Planner.plan(ExplodingJob.class)).isInstanceOf(InvalidJobException.class);
    assertThat(Planner.plan(ExplodingValidJob.class).stages()).hasSize(1);
  }

  @StreamingJob("exploding")
  public static class ExplodingJob {
    static {
      if (Boolean.parseBoolean("true")) {
        throw new IllegalStateException("static initializer ran");
      }
    }
  }

  @StreamingJob("exploding-valid")
  public static class ExplodingValidJob {
    static {
      if (Boolean.parseBoolean("true")) {
        throw new IllegalStateException("static initializer ran");
      }
    }

    public ExplodingValidJob() {
      throw new IllegalStateException("constructor ran");
    }

    @Source(stream = "ins") public record Event(String id) {}

    @Filter(from = "ins") @Sink(console = true) public boolean keep(Event e) {
      throw new IllegalStateException("operator ran");
    }
  }
}
