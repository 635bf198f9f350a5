package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.BroadcastSpec;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.planner.jobs.OrderLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plans of broadcast operators: the keyed input and the broadcast node both write the operator's own stream, tagged
 * by side, the broadcast node a copy per shard; the operator's stage reads it with a per-shard broadcast state.
 */
class BroadcastPlanTest {
  private static final String ORDER = OrderLimits.Order.class.getName();
  private static final String LIMIT = OrderLimits.Limit.class.getName();
  private final Plan plan = Planner.plan(OrderLimits.class);

  @Test
  void bothInputsWriteTheOperatorsStreamTaggedBySide() {
    assertThat(plan.stages()).extracting(StageSpec::id).containsExactly("limits-1", "limits-2", "limits-3");
    assertThat(plan.stage("limits-1").orElseThrow().outputs()).containsExactly(new OutputSpec("check.broadcast",
        OutputKind.BROADCAST, "limits", "limits-check-in", null, LIMIT, JoinSide.BROADCAST));
    assertThat(plan.stage("limits-2").orElseThrow().outputs()).containsExactly(new OutputSpec("check.data",
        OutputKind.REPARTITION, "orders", "limits-check-in", "customer", ORDER, JoinSide.DATA));
    // the operator's stream has the keyed input's shards; no plain repartition stream, nothing else reads orders
    assertThat(plan.streams()).contains(new StreamSpec("limits-check-in", 2, StreamRole.REPARTITION))
        .noneMatch(stream -> stream.name().equals("limits-orders-keyed"));
  }

  @Test
  void theOperatorsStageReadsBothSidesWithABroadcastState() {
    StageSpec stage = plan.stage("limits-3").orElseThrow();
    assertThat(stage.input()).isEqualTo(new StageInput("limits-check-in", "limits-check-in",
        BroadcastSpec.TAGGED_RECORDS, "json"));
    assertThat(stage.keyField()).isEqualTo("customer");
    assertThat(stage.operators()).containsExactly(new OperatorSpec("check", "check", "limits-check-in", ORDER,
        OrderLimits.Alert.class.getName(), null, new BroadcastSpec("limits", LIMIT, "limit", "java.lang.String",
            "java.lang.Long")));
    assertThat(stage.state()).extracting(StateSpec::name, StateSpec::kind, StateSpec::typeArguments)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spent", StateKind.VALUE, List.of("java.lang.Long")),
            org.assertj.core.groups.Tuple.tuple("broadcast", StateKind.BROADCAST,
                List.of("java.lang.String", "java.lang.Long")));
    assertThat(stage.layout()).isEqualTo(StateLayout.LOG);
  }

  @Test
  void thePlanReadsBackAsWritten() {
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(PlanJson.write(plan)).contains("\"broadcast\" : {").contains("\"kind\" : \"broadcast\"")
        .contains("\"side\" : \"data\"");
  }

  @Test
  void explainSaysWhereTheRulesComeFrom() {
    String explained = Explainer.text(plan);
    assertThat(explained)
        .contains("=> broadcast to every shard of limits-check-in -> the broadcast input of check")
        .contains("=> repartition limits-check-in (key customer) -> the keyed input of check")
        .contains("keyed records tagged data; broadcast records of limits (Limit) on every shard, applied by"
            + " limit(Limit, BroadcastState<String, Long>)")
        .contains("state broadcast: broadcast<String, Long> in the state log");
  }
}
