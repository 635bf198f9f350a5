package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.DecodingMode;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.jobs.Shop;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Plan plan = Planner.plan(Shop.class);

  @Test
  void fusesStatelessOperatorsAndCutsAtEveryKeyBy() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("shop-1", "shop-2", "shop-3");
    StageSpec first = plan.stages().get(0);
    assertThat(first.input().stream()).isEqualTo("shop-orders");
    assertThat(first.keyed()).isFalse();
    assertThat(first.operators()).extracting(OperatorSpec::name).containsExactly("valid", "route");
    assertThat(first.operators().get(1))
        .isEqualTo(new OperatorSpec("route", OperatorKind.MAP, "route", "valid", Shop.Order.class.getName(),
            Shop.Routed.class.getName()));

    StageSpec second = plan.stages().get(1);
    assertThat(second.input().stream()).isEqualTo("shop-route");
    assertThat(second.input().node()).isEqualTo("route");
    assertThat(second.keyField()).isEqualTo("customer");
    assertThat(second.operators()).extracting(OperatorSpec::name).containsExactly("items", "big", "perRegion");

    StageSpec third = plan.stages().get(2);
    assertThat(third.input().stream()).isEqualTo("shop-perRegion");
    assertThat(third.keyField()).isEqualTo("region");
    assertThat(third.operators()).extracting(OperatorSpec::name).containsExactly("rounded");
  }

  @Test
  void decodesSourcesStrictlyUnlessTheSourceSaysLenient() {
    assertThat(plan.stages()).extracting(stage -> stage.input().decoding()).containsOnly(DecodingMode.STRICT);
    Plan lenient = Planner.plan(LenientSource.class);
    assertThat(lenient.stages().get(0).input().decoding()).isEqualTo(DecodingMode.LENIENT);
    assertThat(PlanJson.write(lenient)).contains("\"decoding\" : \"lenient\"");
  }

  @dev.runnel.api.StreamingJob("lenient")
  public static class LenientSource {
    @dev.runnel.api.Source(stream = "ins", decoding = dev.runnel.api.Decoding.LENIENT)
    @dev.runnel.api.Sink(console = true)
    public record Event(String id, int n) {}
  }

  @Test
  void givesEveryStreamItsShardCount() {
    assertThat(plan.streams()).containsExactlyInAnyOrder(
        new StreamSpec("shop-orders", 3, StreamRole.SOURCE),
        new StreamSpec("shop-raw-copy", 1, StreamRole.SINK),
        new StreamSpec("shop-route", 4, StreamRole.REPARTITION),
        new StreamSpec("shop-perRegion", 4, StreamRole.REPARTITION),
        new StreamSpec("shop-region-totals", 2, StreamRole.SINK));
  }

  @Test
  void placesEachOutputInTheStageThatComputesIt() {
    assertThat(plan.stages().get(0).outputs()).containsExactly(
        new OutputSpec("raw", OutputKind.STREAM, "shop-orders", "shop-raw-copy", null, Shop.Order.class.getName()),
        new OutputSpec("shop-route", OutputKind.REPARTITION, "route", "shop-route", "customer",
            Shop.Routed.class.getName()));
    assertThat(plan.stages().get(1).outputs()).extracting(OutputSpec::name, OutputSpec::kind, OutputSpec::from)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shop-items", OutputKind.TABLE, "big"),
            org.assertj.core.groups.Tuple.tuple("console", OutputKind.CONSOLE, "big"),
            org.assertj.core.groups.Tuple.tuple("shop-perRegion", OutputKind.REPARTITION, "perRegion"));
    assertThat(plan.tables()).containsExactly(
        new TableSpec("shop-items", TableRole.SINK, "id", null),
        new TableSpec("shop-dead-letters", TableRole.DEAD_LETTER, "source", "position"));
  }

  @Test
  void planSurvivesItsJsonForm() {
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
  }

  @Test
  void planningIsDeterministic() {
    assertThat(PlanJson.write(Planner.plan(Shop.class))).isEqualTo(PlanJson.write(plan));
  }

  @Test
  void explainsAsTextAndMermaid() {
    String text = Explainer.text(plan);
    assertThat(text).contains("job shop (dev.runnel.planner.jobs.Shop), 3 stages, at least once",
        "stage shop-2  reads shop-route (4 shards, Routed, json, keyed by customer)",
        "=> repartition shop-perRegion (key region) -> next stage",
        "-> table shop-items (key id) [sink shop-items]",
        "dead letters: table shop-dead-letters");
    String mermaid = Explainer.mermaid(plan);
    assertThat(mermaid).startsWith("flowchart LR\n")
        .contains("subgraph stage_shop_1", "stream_shop_route>\"shop-route<br/>4 shards\"]", "table_shop_items[(\"table shop-items\")]",
            "stream_shop_route --> shop_2_in", "shop_2_big --> table_shop_items",
            "shop_1_route == \"key customer\" ==> stream_shop_route");
  }
}
