package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import dev.runnel.api.WindowJoin;
import org.junit.jupiter.api.Test;

/** Mistakes with window joins: each fails planning with the join method and what to change. */
class InvalidJoinJobsTest {
  private static JobProblem onlyProblem(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    assertThat(thrown.problems()).as(thrown.getMessage()).hasSize(1);
    assertThat(thrown.getMessage()).contains(thrown.problems().get(0).fix());
    return thrown.problems().get(0);
  }

  public record Pair(long left, long right) {}

  @StreamingJob("unkeyed")
  public static class UnkeyedSide {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void anInputThatIsNotKeyed() {
    JobProblem p = onlyProblem(UnkeyedSide.class);
    assertThat(p.where()).isEqualTo("InvalidJoinJobsTest.UnkeyedSide.join(InvalidJoinJobsTest.UnkeyedSide.L,"
        + " InvalidJoinJobsTest.UnkeyedSide.R)");
    assertThat(p.problem()).contains("its right input 'rights' is not keyed");
    assertThat(p.fix()).contains("Add @KeyBy(\"field\") to the source record type InvalidJoinJobsTest.UnkeyedSide.R");
  }

  @StreamingJob("key-types")
  public static class KeysOfTwoTypes {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(String id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.at());
    }
  }

  @Test
  void keysOfTwoTypes() {
    JobProblem p = onlyProblem(KeysOfTwoTypes.class);
    assertThat(p.problem()).contains("joins 'lefts', keyed by 'id' (a long), with 'rights', keyed by 'id' (a String)");
    assertThat(p.fix()).contains("Key both inputs by fields of one type");
  }

  @StreamingJob("no-time")
  public static class InputWithoutEventTime {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @KeyBy("id") public record R(long id) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void anInputWithoutEventTime() {
    JobProblem p = onlyProblem(InputWithoutEventTime.class);
    assertThat(p.problem()).contains("joins in event-time windows, but source 'rights', which its right input reads,"
        + " declares none");
    assertThat(p.fix()).contains("@EventTime(field = \"...\"");
  }

  @StreamingJob("missing")
  public static class MissingInput {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") @Sink(name = "lefts-out", console = true)
    public record L(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rigths", size = "PT1M") @Sink(console = true)
    public Pair join(L left, L right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void anInputThatDoesNotExist() {
    JobProblem p = onlyProblem(MissingInput.class);
    assertThat(p.problem()).contains("right = \"rigths\" names no source stream or operator");
    assertThat(p.fix()).contains("lefts");
  }

  @StreamingJob("param")
  public static class ParameterOfAnotherType {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, L right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void aParameterOfAnotherType() {
    JobProblem p = onlyProblem(ParameterOfAnotherType.class);
    assertThat(p.problem()).contains("its right parameter is InvalidJoinJobsTest.ParameterOfAnotherType.L, but its"
        + " right input 'rights' emits InvalidJoinJobsTest.ParameterOfAnotherType.R");
    assertThat(p.fix()).contains("Change the right parameter to InvalidJoinJobsTest.ParameterOfAnotherType.R");
  }

  @StreamingJob("arity")
  public static class OneParameter {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") @Sink(console = true)
    public record L(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left) {
      return new Pair(left.id(), 0);
    }
  }

  @Test
  void aJoinTakingOneRecord() {
    JobProblem p = onlyProblem(OneParameter.class);
    assertThat(p.problem()).contains("takes a left record and a right record", "this one takes 1 parameters");
    assertThat(p.fix()).contains("R join(L left, T right, JoinWindow window)");
  }

  @StreamingJob("twice")
  public static class SameInputTwice {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") @Sink(console = true)
    public record L(long id, long at) {}

    @WindowJoin(left = "lefts", right = "lefts", size = "PT1M") @Sink(console = true)
    public Pair join(L left, L right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void theSameInputOnBothSides() {
    JobProblem p = onlyProblem(SameInputTwice.class);
    assertThat(p.problem()).contains("reads 'lefts' on both sides");
    assertThat(p.fix()).contains("use a @Window");
  }

  @StreamingJob("shards")
  public static class ShardsThatDisagree {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy(value = "id", shards = 2)
    public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy(value = "id", shards = 4)
    public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void shardCountsThatDisagree() {
    JobProblem p = onlyProblem(ShardsThatDisagree.class);
    assertThat(p.problem()).contains("@KeyBy(shards = 2) on 'lefts' and 4 on 'rights'");
    assertThat(p.fix()).contains("same shards");
  }

  @StreamingJob("size")
  public static class BadSize {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "1 minute") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void aSizeThatIsNotADuration() {
    JobProblem p = onlyProblem(BadSize.class);
    assertThat(p.problem()).contains("@WindowJoin(size) \"1 minute\" is not an ISO-8601 duration");
  }

  @StreamingJob("clash")
  public static class SourceNamedAsTheJoinStream {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "clash-join-in") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "clash-join-in", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void aSourceNamedAsTheJoinStream() {
    JobProblem p = onlyProblem(SourceNamedAsTheJoinStream.class);
    assertThat(p.problem()).contains("'clash-join-in' is also the name of the repartition stream Runnel creates for"
        + " a key-by or a join");
  }

  @StreamingJob("lanes")
  public static class ParallelInput {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy(value = "id", parallelization = 4)
    public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }
  }

  @Test
  void anInputReadInParallelLanesOnlyByTheJoin() {
    JobProblem p = onlyProblem(ParallelInput.class);
    assertThat(p.where()).isEqualTo("InvalidJoinJobsTest.ParallelInput.L");
    assertThat(p.problem()).contains("@KeyBy(parallelization = 4) of job 'lanes' on 'lefts', which join 'join'"
        + " reads", "the lanes would not exist");
    assertThat(p.fix()).contains("Remove parallelization from 'lefts'", "@KeyBy(shards)");
  }

  @StreamingJob("lanes-shared")
  public static class ParallelInputReadTwice {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy(value = "id", parallelization = 2)
    public record R(long id, long at) {}

    @WindowJoin(left = "lefts", right = "rights", size = "PT1M") @Sink(console = true)
    public Pair join(L left, R right) {
      return new Pair(left.id(), right.id());
    }

    @KeyedProcess(from = "rights") @Sink(name = "counted", console = true)
    public Pair count(R right, @State("n") ValueState<Long> n) {
      return new Pair(right.id(), 1);
    }
  }

  @Test
  void anInputReadInParallelLanesByTheJoinAndAnotherOperatorIsRefusedOnce() {
    JobProblem p = onlyProblem(ParallelInputReadTwice.class);
    assertThat(p.problem()).contains("@KeyBy(parallelization = 2) of job 'lanes-shared' on 'rights', which join"
        + " 'join' reads");
  }
}
