package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.EventTime;
import dev.runnel.api.IntervalJoin;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.TimeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plans of interval joins: both inputs repartitioned into one stream tagged by side, as for a window join, read by an
 * {@code interval-join} operator keeping both sides' buffers and the timers that drop them; and the mistakes refused.
 */
class IntervalJoinPlanTest {
  @StreamingJob("bids")
  public static class BidsAfterAuctions {
    @Source(stream = "auctions", shards = 2) @EventTime(field = "at") @KeyBy("id")
    public record Auction(long id, long at) {}

    @Source(stream = "bids") @EventTime(field = "at") @KeyBy("auction")
    public record Bid(long auction, long price, long at) {}

    public record EarlyBid(long auction, long price) {}

    @IntervalJoin(left = "auctions", right = "bids", lowerBound = "-PT1S", upperBound = "PT1M")
    @Sink(table = "bids-early", key = "auction")
    public EarlyBid early(Auction auction, Bid bid) {
      return new EarlyBid(auction.id(), bid.price());
    }
  }

  private final Plan plan = Planner.plan(BidsAfterAuctions.class);

  @Test
  void theJoinStageKeepsBuffersAndTimersAndFollowsBothWatermarks() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("bids-1", "bids-2", "bids-3");
    assertThat(plan.stage("bids-1").orElseThrow().outputs()).extracting(OutputSpec::target, OutputSpec::side)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bids-early-in", JoinSide.LEFT));
    StageSpec join = plan.stage("bids-3").orElseThrow();
    String auction = BidsAfterAuctions.Auction.class.getName();
    String bid = BidsAfterAuctions.Bid.class.getName();
    assertThat(join.operators()).containsExactly(new OperatorSpec("early", OperatorKind.INTERVAL_JOIN, "early",
        "bids-early-in", JoinSpec.TAGGED_RECORDS, BidsAfterAuctions.EarlyBid.class.getName(), null, null, null,
        new JoinSpec("auctions", "bids", auction, bid, "id", "auction", false, -1_000L, 60_000L)));
    assertThat(join.state()).containsExactly(
        new StateSpec("buffers", "early", StateKind.VALUE, "bids-state", List.of(JoinSpec.TAGGED_RECORDS, auction,
            bid), null, 0),
        new StateSpec("timers", "early", StateKind.TIMERS, "bids-state", List.of(), null, 0));
    assertThat(join.time()).isEqualTo(new TimeSpec(List.of("bids-1", "bids-2"), 60));
    assertThat(join.outputs()).extracting(OutputSpec::kind).containsExactly(OutputKind.TABLE);
  }

  @Test
  void thePlanReadsBackFromItsJsonAndExplainSaysTheBounds() {
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(json).contains("\"kind\" : \"interval-join\"", "\"lowerBound\" : -1000", "\"upperBound\" : 60000");
    assertThat(Explainer.text(plan)).contains("pairs left auctions (Auction, key id) with right bids (Bid, key"
        + " auction) when left.t - 1000 ms <= right.t <= left.t + 60000 ms, as soon as the second arrives");
  }

  @StreamingJob("reversed")
  public static class ReversedBounds {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @IntervalJoin(left = "lefts", right = "rights", lowerBound = "PT5S", upperBound = "-PT5S") @Sink(console = true)
    public Long join(L left, R right) {
      return left.id();
    }
  }

  @StreamingJob("windowed")
  public static class TakesAWindow {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @EventTime(field = "at") @KeyBy("id") public record R(long id, long at) {}

    @IntervalJoin(left = "lefts", right = "rights", lowerBound = "PT0S", upperBound = "PT5S") @Sink(console = true)
    public Long join(L left, R right, JoinWindow window) {
      return left.id();
    }
  }

  @StreamingJob("untimed")
  public static class NoEventTime {
    @Source(stream = "lefts") @EventTime(field = "at") @KeyBy("id") public record L(long id, long at) {}

    @Source(stream = "rights") @KeyBy("id") public record R(long id) {}

    @IntervalJoin(left = "lefts", right = "rights", lowerBound = "PT0S", upperBound = "5 s") @Sink(console = true)
    public Long join(L left, R right) {
      return left.id();
    }
  }

  private static List<JobProblem> problems(Class<?> job) {
    InvalidJobException thrown = catchThrowableOfType(InvalidJobException.class, () -> Planner.plan(job));
    assertThat(thrown).as("planning %s must fail", job.getSimpleName()).isNotNull();
    return thrown.problems();
  }

  @Test
  void boundsThatAreReversedAreRefused() {
    assertThat(problems(ReversedBounds.class)).singleElement().satisfies(p -> {
      assertThat(p.problem()).contains("@IntervalJoin(lowerBound = \"PT5S\") is after upperBound = \"-PT5S\"");
      assertThat(p.fix()).contains("Make lowerBound at most upperBound");
    });
  }

  @Test
  void aJoinWindowParameterIsRefused() {
    assertThat(problems(TakesAWindow.class)).singleElement().satisfies(p -> {
      assertThat(p.problem()).contains("a @IntervalJoin method takes a left record and a right record, but this one"
          + " takes a JoinWindow third");
      assertThat(p.fix()).isEqualTo("Change the signature to R join(L left, T right).");
    });
  }

  @Test
  void aBoundThatIsNotADurationIsRefused() {
    assertThat(problems(NoEventTime.class)).singleElement().satisfies(p ->
        assertThat(p.problem()).contains("@IntervalJoin(upperBound) \"5 s\" is not an ISO-8601 duration"));
  }
}
