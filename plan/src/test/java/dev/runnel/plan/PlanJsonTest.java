package dev.runnel.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
  private static Plan samplePlan() {
    var input = new StageInput("orders-in", "orders-in", "x.Order", "json");
    var ops = List.of(
        new OperatorSpec("valid", OperatorKind.FILTER, "valid", "orders-in", "x.Order", "x.Order"),
        new OperatorSpec("route", OperatorKind.MAP, "route", "valid", "x.Order", "x.Routed"));
    var outs = List.of(new OutputSpec("orders-route", OutputKind.REPARTITION, "route", "orders-route", "customer", "x.Routed"));
    var stage = new StageSpec("orders-1", input, null, ops, outs,
        List.of(new StateSpec("count", "route", StateKind.VALUE, "orders-state", List.of("java.lang.Long"), null, 60)),
        BatchingSpec.DEFAULT);
    return new Plan(Plan.FORMAT, "orders", "x.OrderJob",
        List.of(new StreamSpec("orders-in", 2, StreamRole.SOURCE), new StreamSpec("orders-route", 2, StreamRole.REPARTITION)),
        List.of(new TableSpec("orders-dead-letters", TableRole.DEAD_LETTER, "source", "position")),
        List.of(stage));
  }

  @Test
  void roundTripsEveryField() {
    Plan plan = samplePlan();
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(json).contains("\"format\" : \"runnel.plan/v1\"", "\"kind\" : \"filter\"", "\"role\" : \"dead-letter\"")
        .doesNotContain("keyField\" : null");
  }

  @Test
  void rejectsAnotherFormatVersion() {
    String json = PlanJson.write(samplePlan()).replace("runnel.plan/v1", "runnel.plan/v9");
    assertThatThrownBy(() -> PlanJson.read(json))
        .hasMessageContaining("runnel.plan/v9").hasMessageContaining("Plan the job again");
  }

  @Test
  void rejectsUnknownFields() {
    String json = PlanJson.write(samplePlan()).replace("\"job\" :", "\"jobb\" : 1, \"job\" :");
    assertThatThrownBy(() -> PlanJson.read(json)).hasMessageContaining("jobb");
  }

  @Test
  void findsStagesStreamsAndTheDeadLetterTable() {
    Plan plan = samplePlan();
    assertThat(plan.stage("orders-1")).isPresent();
    assertThat(plan.stream("orders-route").orElseThrow().shards()).isEqualTo(2);
    assertThat(plan.deadLetterTable().name()).isEqualTo("orders-dead-letters");
  }
}
