package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.WindowJoin;
import dev.runnel.api.Windowed;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TimeSpec;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import dev.runnel.planner.jobs.NewUsers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans of window joins: both inputs repartitioned into one stream, tagged by side, read by the join's stage. */
class WindowJoinPlanTest {
  private static final String PERSON = NewUsers.Person.class.getName();
  private static final String AUCTION = NewUsers.Auction.class.getName();
  private final Plan plan = Planner.plan(NewUsers.class);

  @Test
  void eachInputStageWritesItsSideToTheJoinStream() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("nu-1", "nu-2", "nu-3");
    assertThat(plan.stage("nu-1").orElseThrow().outputs()).containsExactly(new OutputSpec("newUsers.right",
        OutputKind.REPARTITION, "auctions", "nu-newUsers-in", "seller", AUCTION, JoinSide.RIGHT));
    assertThat(plan.stage("nu-2").orElseThrow().outputs()).containsExactly(new OutputSpec("newUsers.left",
        OutputKind.REPARTITION, "persons", "nu-newUsers-in", "id", PERSON, JoinSide.LEFT));
    // no plain repartition stream: nothing but the join reads the inputs' keyed records
    assertThat(plan.streams()).containsExactly(new StreamSpec("auctions", 1, StreamRole.SOURCE),
        new StreamSpec("persons", 2, StreamRole.SOURCE),
        new StreamSpec("nu-newUsers-in", 2, StreamRole.REPARTITION));
  }

  @Test
  void theJoinStageReadsBothSidesAndFollowsBothWatermarks() {
    StageSpec join = plan.stage("nu-3").orElseThrow();
    assertThat(join.input()).isEqualTo(new StageInput("nu-newUsers-in", "nu-newUsers-in", JoinSpec.TAGGED_RECORDS,
        "json"));
    assertThat(join.keyField()).isEqualTo("id");
    assertThat(join.operators()).containsExactly(new OperatorSpec("newUsers", OperatorKind.WINDOW_JOIN, "newUsers",
        "nu-newUsers-in", JoinSpec.TAGGED_RECORDS, NewUsers.NewUser.class.getName(),
        new WindowSpec(WindowKind.TUMBLING, 10_000, 10_000, 0, 0, null, null), null, null,
        new JoinSpec("persons", "auctions", PERSON, AUCTION, "id", "seller", true)));
    assertThat(join.state()).singleElement().satisfies(state -> {
      assertThat(state.kind()).isEqualTo(StateKind.WINDOW);
      assertThat(state.typeArguments()).containsExactly(JoinSpec.TAGGED_RECORDS, PERSON, AUCTION);
    });
    assertThat(join.time()).isEqualTo(new TimeSpec(List.of("nu-1", "nu-2"), 60));
    assertThat(join.layout()).isEqualTo(StateLayout.LOG);
    assertThat(join.outputs()).extracting(OutputSpec::kind).containsExactly(OutputKind.TABLE);
  }

  @Test
  void theJoinPlanReadsBackFromItsJson() {
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(json).contains("\"kind\" : \"window-join\"", "\"side\" : \"left\"");
  }

  @Test
  void explainShowsWhichInputIsWhich() {
    String text = Explainer.text(plan);
    assertThat(text).contains("=> repartition nu-newUsers-in (key seller) -> the right input of a join",
        "=> repartition nu-newUsers-in (key id) -> the left input of a join",
        "pairs left persons (Person, key id) with right auctions (Auction, key seller)",
        "tumbling 10 s");
    assertThat(Explainer.mermaid(plan)).contains("newUsers");
  }

  @StreamingJob("both")
  public static class JoinedAndCounted {
    @Source(stream = "persons") @EventTime(field = "at") @KeyBy("id")
    public record Person(long id, long at) {}

    @Source(stream = "auctions") @EventTime(field = "at")
    public record Auction(long id, long seller, long at) {}

    public record Pair(long person, long auction) {}

    @MapEach @KeyBy("seller")
    public Auction bySeller(Auction auction) {
      return auction;
    }

    @WindowJoin(left = "persons", right = "bySeller", size = "PT1M") @Sink(console = true)
    public Pair pairs(Person person, Auction auction) {
      return new Pair(person.id(), auction.id());
    }

    @Window(from = "persons", size = "PT1M") @Sink(name = "counts", console = true)
    public Long perPerson(Windowed<List<Person>> window) {
      return (long) window.value().size();
    }
  }

  @Test
  void anInputOthersReadToo_writesBothItsOwnStreamAndTheJoinStream() {
    Plan both = Planner.plan(JoinedAndCounted.class);
    StageSpec persons = both.stages().stream().filter(s -> s.input().stream().equals("persons")).findFirst()
        .orElseThrow();
    assertThat(persons.outputs()).extracting(OutputSpec::target, OutputSpec::side).containsExactly(
        org.assertj.core.groups.Tuple.tuple("both-persons", null),
        org.assertj.core.groups.Tuple.tuple("both-pairs-in", JoinSide.LEFT));
    StageSpec auctions = both.stages().stream().filter(s -> s.input().stream().equals("auctions")).findFirst()
        .orElseThrow();
    assertThat(auctions.operators()).extracting(OperatorSpec::name).containsExactly("bySeller");
    assertThat(auctions.outputs()).extracting(OutputSpec::target, OutputSpec::side)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("both-pairs-in", JoinSide.RIGHT));
    StageSpec join = both.stages().stream().filter(s -> s.input().stream().equals("both-pairs-in")).findFirst()
        .orElseThrow();
    assertThat(join.operators()).extracting(OperatorSpec::name).containsExactly("pairs");
    assertThat(join.time().upstreamStages()).containsExactlyInAnyOrder(persons.id(), auctions.id());
    assertThat(both.stages().indexOf(join)).isGreaterThan(both.stages().indexOf(persons))
        .isGreaterThan(both.stages().indexOf(auctions));
  }
}
