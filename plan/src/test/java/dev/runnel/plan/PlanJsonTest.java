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
  void anAggregatedRepartitionStreamSaysSoAndAStreamWithoutTheFieldIsPlain() {
    Plan plan = samplePlan();
    Plan aggregated = new Plan(plan.format(), plan.job(), plan.jobClass(),
        List.of(plan.streams().get(0), plan.streams().get(1).aggregated(true)), plan.tables(), plan.stages(),
        plan.models(), plan.maxRecordAttempts());
    String json = PlanJson.write(aggregated);

    assertThat(json).containsOnlyOnce("\"aggregated\" : true");
    assertThat(PlanJson.read(json)).isEqualTo(aggregated);
    assertThat(PlanJson.read(json).streams().get(1).aggregated()).isTrue();
    assertThat(PlanJson.write(plan)).doesNotContain("aggregated");
    assertThat(PlanJson.read(PlanJson.write(plan)).streams().get(1).aggregated()).isFalse();
    assertThatThrownBy(() -> new StreamSpec("orders-in", 2, StreamRole.SOURCE, true))
        .hasMessageContaining("only repartition streams are aggregated");
  }

  @Test
  void aStageInTheLogLayoutSaysSoAndAStageWithoutTheFieldIsInTheKeysLayout() {
    Plan plan = timePlan();
    StageSpec keyed = plan.stages().get(1);
    Plan logged = plan.withStages(List.of(plan.stages().get(0), keyed.withStateLayout(StateLayout.LOG)));
    String json = PlanJson.write(logged);

    assertThat(json).contains("\"stateLayout\" : \"log\"");
    assertThat(PlanJson.read(json)).isEqualTo(logged);
    assertThat(PlanJson.read(json).stages().get(1).layout()).isEqualTo(StateLayout.LOG);
    assertThat(PlanJson.write(plan)).doesNotContain("stateLayout");
    assertThat(PlanJson.read(PlanJson.write(plan)).stages().get(1).layout()).isEqualTo(StateLayout.KEYS);
    assertThatThrownBy(() -> plan.stages().get(0).withStateLayout(StateLayout.LOG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clicks-1");
  }

  /** A plan using every field of event time, windows and timers. */
  private static Plan timePlan() {
    var source = new StageSpec("clicks-1",
        new StageInput("clicks-in", "clicks-in", "x.Click", "json",
            new EventTimeSpec("at", 5_000, 60_000, 86_400_000L, 0L)), null,
        List.of(), List.of(new OutputSpec("clicks-in-keyed", OutputKind.REPARTITION, "clicks-in", "clicks-in-keyed",
            "user", "x.Click")), List.of(), BatchingSpec.DEFAULT, new TimeSpec(List.of(), 0));
    var window = new OperatorSpec("perMinute", OperatorKind.WINDOW, "perMinute", "clicks-in", "x.Click", "x.Count",
        new WindowSpec(WindowKind.SLIDING, 60_000, 10_000, 0, 5_000, "late",
            new AggregateSpec(AggregateKind.FUNCTION, null, "x.Avg")), null);
    var late = new OperatorSpec("late", OperatorKind.LATE, "", "perMinute", "x.Click", "x.Click");
    var session = new OperatorSpec("sessions", OperatorKind.WINDOW, "sessions", "clicks-in", "x.Click", "x.Count",
        new WindowSpec(WindowKind.SESSION, 0, 0, 1_800_000, 0, null, new AggregateSpec(AggregateKind.SUM, "n", null)),
        null);
    var timeout = new OperatorSpec("timeout", OperatorKind.PROCESS, "timeout", "clicks-in", "x.Click", "x.Click", null,
        "onTimeout");
    var keyed = new StageSpec("clicks-2", new StageInput("clicks-in-keyed", "clicks-in", "x.Click", "json"), "user",
        List.of(window, late, session, timeout),
        List.of(new OutputSpec("console", OutputKind.CONSOLE, "perMinute", null, null, "x.Count")),
        List.of(new StateSpec("window", "perMinute", StateKind.WINDOW, "clicks-state", List.of("x.Acc"), "x.Avg", 0),
            new StateSpec("timers", "timeout", StateKind.TIMERS, "clicks-state", List.of(), null, 0)),
        BatchingSpec.EXACTLY_ONCE, new TimeSpec(List.of("clicks-1"), 60));
    return new Plan(Plan.FORMAT, "clicks", "x.ClickJob",
        List.of(new StreamSpec("clicks-in", 2, StreamRole.SOURCE),
            new StreamSpec("clicks-in-keyed", 2, StreamRole.REPARTITION)),
        List.of(new TableSpec("clicks-dead-letters", TableRole.DEAD_LETTER, "source", "position"),
            new TableSpec("clicks-progress", TableRole.PROGRESS, "stage", "shard"),
            new TableSpec("clicks-timers", TableRole.TIMERS, "pk", "sk")),
        List.of(source, keyed));
  }

  @Test
  void roundTripsEventTimeWindowsAndTimers() {
    Plan plan = timePlan();
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(json).contains("\"kind\" : \"window\"", "\"kind\" : \"sliding\"", "\"kind\" : \"function\"",
        "\"kind\" : \"late\"", "\"kind\" : \"timers\"", "\"role\" : \"progress\"", "\"onTimer\" : \"onTimeout\"",
        "\"upstreamStages\" : [ \"clicks-1\" ]", "\"maxOutOfOrdernessMillis\" : 5000",
        "\"maxAheadMillis\" : 86400000", "\"earliestMillis\" : 0")
        .doesNotContain("readsSource", "hasTimers", "\"window\" : null");
  }

  @Test
  void aPlanWrittenBeforeTheAcceptedRangeReadsAsAcceptingAnyTime() {
    String json = PlanJson.write(timePlan()).replace(",\n        \"maxAheadMillis\" : 86400000", "")
        .replace(",\n        \"earliestMillis\" : 0", "");
    assertThat(json).doesNotContain("maxAheadMillis", "earliestMillis");
    assertThat(PlanJson.read(json).stage("clicks-1").orElseThrow().input().eventTime())
        .isEqualTo(new EventTimeSpec("at", 5_000, 60_000));
  }

  @Test
  void aPlanWithoutTimeHasNoTimeFields() {
    assertThat(PlanJson.write(samplePlan())).doesNotContain("\"time\"", "eventTime", "\"window\"", "onTimer");
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
  void strictDecodingIsTheDefaultAndLeftOutOfThePlan() {
    Plan plan = samplePlan();
    assertThat(plan.stages().get(0).input().decoding()).isEqualTo(DecodingMode.STRICT);
    String json = PlanJson.write(plan);
    assertThat(json).doesNotContain("decoding");
    assertThat(PlanJson.read(json).stages().get(0).input().decoding()).isEqualTo(DecodingMode.STRICT);
  }

  @Test
  void lenientDecodingIsWrittenAndReadBack() {
    Plan strict = samplePlan();
    StageSpec stage = strict.stages().get(0);
    StageInput lenient = new StageInput("orders-in", "orders-in", "x.Order", "json", null, DecodingMode.LENIENT);
    Plan plan = new Plan(strict.format(), strict.job(), strict.jobClass(), strict.streams(), strict.tables(),
        List.of(new StageSpec(stage.id(), lenient, stage.keyField(), stage.operators(), stage.outputs(),
            stage.state(), stage.batching())));
    String json = PlanJson.write(plan);
    assertThat(json).contains("\"decoding\" : \"lenient\"");
    assertThat(PlanJson.read(json)).isEqualTo(plan);
  }

  @Test
  void findsStagesStreamsAndTheDeadLetterTable() {
    Plan plan = samplePlan();
    assertThat(plan.stage("orders-1")).isPresent();
    assertThat(plan.stream("orders-route").orElseThrow().shards()).isEqualTo(2);
    assertThat(plan.deadLetterTable().name()).isEqualTo("orders-dead-letters");
  }

  @Test
  void theDeadLetterTableCarriesItsTtlAndOtherTablesNone() {
    Plan plan = new Plan(Plan.FORMAT, "orders", "x.OrderJob", List.of(new StreamSpec("orders-in", 1, StreamRole.SOURCE)),
        List.of(new TableSpec("orders-dead-letters", TableRole.DEAD_LETTER, "source", "position", "expiresAt", 86_400L),
            new TableSpec("orders-out", TableRole.SINK, "id", null)),
        samplePlan().stages());
    String json = PlanJson.write(plan);
    assertThat(json).contains("\"ttlAttribute\" : \"expiresAt\"", "\"ttlSeconds\" : 86400");
    assertThat(json.indexOf("ttlAttribute")).isEqualTo(json.lastIndexOf("ttlAttribute"));
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(PlanJson.read(json).tables(TableRole.SINK).get(0).ttlAttribute()).isNull();
  }

  @Test
  void aPlanWrittenBeforeDeadLettersExpiredReadsWithTheDefaultRetention() {
    String json = PlanJson.write(samplePlan()).replaceAll(",\\s*\"ttlAttribute\" : \"expiresAt\",\\s*\"ttlSeconds\" : \\d+", "");
    assertThat(json).doesNotContain("ttlAttribute", "1209600");
    TableSpec deadLetters = PlanJson.read(json).deadLetterTable();
    assertThat(deadLetters.ttlAttribute()).isEqualTo("expiresAt");
    assertThat(deadLetters.ttlSeconds()).isEqualTo(14L * 24 * 3600);
  }

  @Test
  void aTtlAttributeNeedsAPositiveTtl() {
    assertThatThrownBy(() -> new TableSpec("t", TableRole.SINK, "id", null, "expiresAt", 0L))
        .hasMessageContaining("positive ttlSeconds");
    assertThatThrownBy(() -> new TableSpec("t", TableRole.SINK, "id", null, null, 60L))
        .hasMessageContaining("TTL attribute");
  }
}
