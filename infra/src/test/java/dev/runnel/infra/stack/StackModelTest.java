package dev.runnel.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.comments.LiveComments;
import dev.runnel.examples.moderation.ListingModeration;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.examples.pageviews.PageViews;
import dev.runnel.examples.rag.RagIndexer;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackModelTest {
  private static StackModel stack(Class<?> job) {
    return StackModel.of(Planner.plan(job), DeploymentSettings.DEFAULT);
  }

  private static PolicyStatement statement(FunctionResource function, String sid) {
    return function.policies().stream().filter(p -> p.sid().equals(sid)).findFirst()
        .orElseThrow(() -> new AssertionError(function.logicalId() + " has no statement " + sid));
  }

  private static Set<String> sids(FunctionResource function) {
    Set<String> sids = new HashSet<>();
    function.policies().forEach(p -> sids.add(p.sid()));
    return sids;
  }

  @Test
  void ordersHasAStreamPerPlanStreamEncryptedWithTheAwsKey() {
    StackModel orders = stack(OrderRouting.class);
    assertThat(orders.streams()).extracting(StreamResource::name)
        .containsExactly("orders-in", "orders-route", "orders-sale", "orders-shipments-out");
    assertThat(orders.streams()).allSatisfy(s -> {
      assertThat(s.kmsKeyId()).isEqualTo("alias/aws/kinesis");
      assertThat(s.retentionHours()).isEqualTo(24);
    });
    assertThat(orders.stream("OrdersShipmentsOutStream")).hasValueSatisfying(s -> {
      assertThat(s.shards()).isEqualTo(1);
      assertThat(s.role()).isEqualTo(StreamRole.SINK);
    });
  }

  @Test
  void tablesAreOnDemandWithRecoveryAndTheRuntimesTtlAttributes() {
    StackModel orders = stack(OrderRouting.class);
    assertThat(orders.tables()).hasSize(10).allSatisfy(t -> assertThat(t.pointInTimeRecovery()).isTrue());
    assertThat(orders.table("OrdersStateTable").orElseThrow().ttl()).contains("ttl");
    assertThat(orders.table("OrdersInferenceResultsTable").orElseThrow().ttl()).contains("expiresAt");
    assertThat(orders.table("OrdersCheckpointsTable").orElseThrow().ttl()).as("id segments expire").contains("ttl");
    assertThat(orders.table("OrdersStateLogTable").orElseThrow()).satisfies(t -> {
      assertThat(t.role()).isEqualTo(TableRole.STATE_LOG);
      assertThat(t.partitionKey()).isEqualTo("pk");
      assertThat(t.sortKey()).isEqualTo("sk");
      assertThat(t.ttl()).as("nothing in the state log expires on its own").isEmpty();
    });
    assertThat(orders.table("OrdersDeadLettersTable").orElseThrow())
        .satisfies(t -> {
          assertThat(t.role()).isEqualTo(TableRole.DEAD_LETTER);
          assertThat(t.partitionKey()).isEqualTo("source");
          assertThat(t.sortKey()).isEqualTo("position");
          assertThat(t.ttl()).contains("expiresAt");
          assertThat(t.key()).contains(orders.deadLetterKey());
        });
    assertThat(orders.tables()).filteredOn(t -> t.role() != TableRole.DEAD_LETTER)
        .allSatisfy(t -> assertThat(t.key()).isEmpty());
  }

  @Test
  void eachStageHasAFunctionWithSnapStartAliasAndItsEnvironment() {
    StackModel orders = stack(OrderRouting.class);
    FunctionResource first = orders.function("Orders1Function").orElseThrow();
    assertThat(first.functionName()).isEqualTo("orders-1");
    assertThat(first.handler()).isEqualTo("dev.runnel.functions.StageStreamHandler::handleRequest");
    assertThat(first.runtime()).isEqualTo("java21");
    assertThat(first.alias()).isEqualTo("live");
    assertThat(first.memoryMb()).isEqualTo(1024);
    assertThat(first.timeoutSeconds()).isEqualTo(60);
    assertThat(first.environment()).containsEntry("RUNNEL_STAGE", EnvValue.literal("orders-1"))
        .containsEntry("RUNNEL_PLAN_RESOURCE", EnvValue.literal("/runnel/plans/orders.json"))
        .containsEntry("JAVA_TOOL_OPTIONS", EnvValue.literal("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
        .containsEntry("RUNNEL_LOG_LEVEL", EnvValue.literal("INFO"));
    FunctionResource second = orders.function("Orders2Function").orElseThrow();
    assertThat(second.memoryMb()).as("in-process model").isEqualTo(2048);
    assertThat(second.timeoutSeconds()).as("60 s + 30 s × 5 attempts").isEqualTo(210);
  }

  @Test
  void stagesWithTicksGetATickFunctionAndASchedule() {
    StackModel orders = stack(OrderRouting.class);
    assertThat(orders.functions()).extracting(FunctionResource::logicalId).containsExactly("Orders1Function",
        "Orders2Function", "Orders2TickFunction", "Orders3Function", "Orders3TickFunction");
    FunctionResource tick = orders.function("Orders2TickFunction").orElseThrow();
    assertThat(tick.handler()).isEqualTo("dev.runnel.functions.StageTickHandler::handleRequest");
    assertThat(tick.functionName()).isEqualTo("orders-2-tick");
    assertThat(tick.environment()).containsEntry("RUNNEL_STAGE", EnvValue.literal("orders-2"));
    assertThat(orders.schedule("Orders2TickFunction")).hasValueSatisfying(
        s -> assertThat(s.expression()).isEqualTo("rate(1 minute)"));
    assertThat(stack(ClickCounts.class).schedules()).as("no time, no ticks").isEmpty();
  }

  @Test
  void mappingsCarryThePlansBatchingAndNeverGiveUpInExactlyOnceJobs() {
    EventSourceMapping keyed = stack(ClickCounts.class).mapping("Clicks2Function").orElseThrow();
    assertThat(keyed.streamLogicalId()).isEqualTo("ClicksInKeyedStream");
    assertThat(keyed.startingPosition()).isEqualTo("TRIM_HORIZON");
    assertThat(keyed.batchSize()).isEqualTo(100);
    assertThat(keyed.bisectOnError()).isTrue();
    assertThat(keyed.maximumRetryAttempts()).isEqualTo(-1);
    assertThat(keyed.maximumRecordAgeSeconds()).isEqualTo(-1);
    assertThat(keyed.parallelizationFactor()).isEqualTo(1);
    assertThat(keyed.functionResponseTypes()).containsExactly("ReportBatchItemFailures");
    assertThat(keyed.onFailureQueueLogicalId()).isEqualTo("ClicksFailedBatchesQueue");
    EventSourceMapping atLeastOnce = stack(RagIndexer.class).mapping("Rag1Function").orElseThrow();
    assertThat(atLeastOnce.maximumRetryAttempts()).isEqualTo(10);
    assertThat(atLeastOnce.maximumRecordAgeSeconds()).isEqualTo(21_600);
  }

  @Test
  void aKeyedStageInParallelLanesGetsItsFactorOnItsMapping() {
    Plan plan = Planner.plan(ClickCounts.class, StateLayout.KEYS); // lanes keep the per-key layout
    Plan laned = plan.withStages(plan.stages().stream()
        .map(s -> s.keyed() ? s.withBatching(s.batching().withParallelizationFactor(4)) : s).toList());
    StackModel stack = StackModel.of(laned, DeploymentSettings.DEFAULT);
    assertThat(stack.mapping("Clicks2Function").orElseThrow().parallelizationFactor()).isEqualTo(4);
    assertThat(stack.mapping("Clicks1Function").orElseThrow().parallelizationFactor()).isEqualTo(1);
  }

  /** A broadcast job: its rules' source stage lists and writes the check's stream, to put a copy on every shard. */
  @dev.runnel.api.StreamingJob("limits")
  public static class Limits {
    @dev.runnel.api.Source(stream = "orders") @dev.runnel.api.KeyBy("customer")
    public record Order(String customer, long amount) {}

    @dev.runnel.api.Source(stream = "limits")
    public record Limit(String tier, long max) {}

    @dev.runnel.api.KeyedProcess(from = "orders", broadcast = "limits") @dev.runnel.api.Sink(console = true)
    public java.util.Optional<Order> check(Order order, dev.runnel.api.ReadOnlyBroadcastState<String, Long> limits) {
      return java.util.Optional.of(order);
    }

    @dev.runnel.api.OnBroadcast("check")
    public void limit(Limit limit, dev.runnel.api.BroadcastState<String, Long> limits) {
      limits.put(limit.tier(), limit.max());
    }
  }

  @Test
  void aBroadcastOutputMayWriteTheStreamItCopiesTo() {
    StackModel limits = stack(Limits.class);
    FunctionResource rules = limits.function("Limits1Function").orElseThrow();
    assertThat(statement(rules, "WriteOutputStreams").resources()).singleElement().asString().contains("CheckIn");
    assertThat(statement(rules, "WriteOutputStreams").actions()).contains("kinesis:ListShards", "kinesis:PutRecords");
  }

  @Test
  void iamIsLeastPrivilegePerFunction() {
    StackModel orders = stack(OrderRouting.class);
    FunctionResource first = orders.function("Orders1Function").orElseThrow();
    assertThat(statement(first, "ReadInputStream").resources()).containsExactly(ArnRef.of("OrdersInStream"));
    assertThat(statement(first, "ReadInputStream").actions()).contains("kinesis:GetRecords")
        .doesNotContain("kinesis:PutRecords");
    assertThat(statement(first, "WriteOutputStreams").resources()).containsExactly(ArnRef.of("OrdersRouteStream"));
    assertThat(sids(first)).doesNotContain("WriteSinkTables", "ReadWriteState", "ReadWriteStateLog",
            "ReadWriteInferenceResults")
        .contains("WriteDeadLetters", "ReadWriteCheckpoints", "SendFailedBatches");
    FunctionResource second = orders.function("Orders2Function").orElseThrow();
    assertThat(statement(second, "WriteSinkTables").resources()).containsExactlyInAnyOrder(
        ArnRef.of("OrdersBasketVectorsTable"), ArnRef.of("OrdersShipmentsTable"), ArnRef.of("OrdersCustomerTotalsTable"));
    assertThat(statement(second, "WriteOutputStreams").resources()).containsExactlyInAnyOrder(
        ArnRef.of("OrdersSaleStream"), ArnRef.of("OrdersShipmentsOutStream"));
    assertThat(statement(second, "ListUpstreamShards").resources()).containsExactly(ArnRef.of("OrdersInStream"));
    assertThat(sids(second)).as("in the state log layout, no key items and no timer index")
        .doesNotContain("ReadWriteState", "ReadWriteTimers");
    assertThat(statement(second, "ReadWriteStateLog").actions()).containsExactly("dynamodb:BatchWriteItem",
        "dynamodb:Query");
    assertThat(statement(second, "ReadWriteStateLog").resources()).containsExactly(ArnRef.of("OrdersStateLogTable"));
    assertThat(sids(second)).contains("ReadWriteInferenceResults", "ReadWriteProgress");
    FunctionResource perKey = StackModel.of(Planner.plan(OrderRouting.class, StateLayout.KEYS),
        DeploymentSettings.DEFAULT).function("Orders2Function").orElseThrow();
    assertThat(statement(perKey, "ReadWriteState").actions()).containsExactly("dynamodb:BatchGetItem",
        "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem");
    assertThat(sids(perKey)).as("in the per-key layout, no state log").doesNotContain("ReadWriteStateLog");
    FunctionResource tick = orders.function("Orders2TickFunction").orElseThrow();
    assertThat(sids(tick)).doesNotContain("ReadInputStream", "SendFailedBatches").contains("ListInputShards");
    assertThat(orders.functions()).allSatisfy(f -> f.policies().forEach(p -> assertThat(p.resources())
        .noneMatch(r -> r instanceof ArnRef.Pattern pattern && pattern.pattern().equals("*"))));
  }

  @Test
  void everyReferencedResourceIsInTheStackAndIdsAreUnique() {
    for (Class<?> job : List.of(OrderRouting.class, ClickCounts.class, PageViews.class, LiveComments.class,
        ListingModeration.class, RagIndexer.class)) {
      StackModel stack = stack(job);
      Set<String> ids = new HashSet<>(stack.logicalIds());
      assertThat(ids).hasSize(stack.logicalIds().size());
      stack.functions().forEach(f -> f.policies().forEach(p -> p.resources().forEach(r -> {
        if (r instanceof ArnRef.OfResource resource) {
          assertThat(ids).as(f.logicalId() + " " + p.sid()).contains(resource.logicalId());
        }
        if (r instanceof ArnRef.OfParameter parameter) {
          assertThat(stack.isParameter(parameter.logicalId())).as(f.logicalId() + " " + p.sid()).isTrue();
        }
      })));
      stack.mappings().forEach(m -> assertThat(ids).contains(m.streamLogicalId(), m.functionLogicalId(),
          m.onFailureQueueLogicalId()));
    }
  }

  @Test
  void envKeysBecomeParametersAndNeverValues() {
    StackModel comments = stack(LiveComments.class);
    assertThat(comments.parameters()).extracting(StackParameter::logicalId, StackParameter::variable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("OpenaiApiKey", "OPENAI_API_KEY"));
    FunctionResource first = comments.function("Comments1Function").orElseThrow();
    assertThat(first.environment()).containsEntry("OPENAI_API_KEY", new EnvValue.FromParameter("OpenaiApiKey"));
    assertThat(sids(first)).contains("ReadWriteRateLimits", "ReadWriteInferenceResults");
  }

  @Test
  void ssmSecretsManagerAndBedrockKeysGrantExactlyTheirArns() {
    assertThat(ModelAccess.ssmParameter("/runnel/openai")).isEqualTo(ArnRef.pattern(
        "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/runnel/openai"));
    assertThat(ModelAccess.secret("prod/openai")).isEqualTo(ArnRef.pattern(
        "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/openai-??????"));
  }

  @Test
  void everyFunctionMayUseTheDeadLetterKeyExactlyWhenOneIsGiven() {
    StackModel orders = stack(OrderRouting.class);
    KmsKeyParameter key = orders.deadLetterKey();
    assertThat(key.logicalId()).isEqualTo("OrdersDeadLetterKeyArn");
    assertThat(orders.functions()).allSatisfy(f -> {
      PolicyStatement use = statement(f, "UseDeadLetterKey");
      assertThat(use.condition()).isEqualTo("OrdersHasDeadLetterKey");
      assertThat(use.actions()).containsExactly("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
      assertThat(use.resources()).containsExactly(ArnRef.parameter("OrdersDeadLetterKeyArn"));
      assertThat(f.policies()).filteredOn(p -> p.condition() != null).containsExactly(use);
    });
    assertThat(java.util.regex.Pattern.matches(KmsKeyParameter.ALLOWED_PATTERN,
        "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")).isTrue();
    assertThat(java.util.regex.Pattern.matches(KmsKeyParameter.ALLOWED_PATTERN, "")).isTrue();
    assertThat(java.util.regex.Pattern.matches(KmsKeyParameter.ALLOWED_PATTERN, "alias/dead-letters"))
        .as("IAM grants on a key's ARN, not on an alias").isFalse();
  }

  @Test
  void eachStageHasADeadLettersAlarmOnItsOwnMetricWithAThresholdParameter() {
    StackModel clicks = stack(ClickCounts.class);
    assertThat(clicks.alarms()).filteredOn(a -> a.metric().metric().equals("DeadLettered"))
        .extracting(AlarmResource::logicalId).containsExactly("Clicks1DeadLettersAlarm", "Clicks2DeadLettersAlarm");
    assertThat(clicks.alarms()).filteredOn(a -> a.logicalId().equals("Clicks2DeadLettersAlarm")).singleElement()
        .satisfies(a -> {
          assertThat(a.metrics()).containsExactly(new AlarmMetric("Runnel", "DeadLettered",
              java.util.Map.of("Job", "clicks", "Stage", "clicks-2")));
          assertThat(new java.util.ArrayList<>(a.metric().dimensions().keySet())).containsExactly("Job", "Stage");
          assertThat(a.statistic()).isEqualTo("Sum");
          assertThat(a.periodSeconds()).isEqualTo(300);
          assertThat(a.threshold()).isEqualTo(AlarmValue.of(AlarmParameter.DEAD_LETTERS));
          assertThat(a.evaluationPeriods()).isEqualTo(AlarmValue.fixed(1));
          assertThat(a.treatMissingData()).isEqualTo("notBreaching");
          assertThat(a.description()).contains("clicks-dead-letters", "clicks-2");
        });
    assertThat(AlarmParameter.DEAD_LETTERS.defaultValue()).as("any dead letter fires by default").isZero();
  }

  @Test
  void watermarkAlarmsOnlyForStagesWithEventTimeAndModelAlarmsOnlyForStagesCallingAModel() {
    for (Class<?> job : List.of(OrderRouting.class, ClickCounts.class, PageViews.class, LiveComments.class,
        ListingModeration.class, RagIndexer.class)) {
      Plan plan = Planner.plan(job);
      StackModel model = StackModel.of(plan, DeploymentSettings.DEFAULT);
      for (var stage : plan.stages()) {
        String prefix = LogicalIds.pascal(stage.id());
        assertThat(model.alarms().stream().anyMatch(a -> a.logicalId().equals(prefix + "WatermarkStalledAlarm")))
            .as("watermark alarm of " + stage.id()).isEqualTo(stage.time() != null);
        assertThat(model.alarms().stream().anyMatch(a -> a.logicalId().equals(prefix + "ModelFailuresAlarm")))
            .as("model alarm of " + stage.id()).isEqualTo(!StageModels.of(plan, stage).isEmpty());
        assertThat(model.alarms()).extracting(AlarmResource::logicalId).as(stage.id())
            .contains(prefix + "DeadLettersAlarm", prefix + "ThrottlesAlarm");
      }
    }
    Plan views = Planner.plan(PageViews.class);
    String timed = views.stages().stream().filter(st -> st.time() != null).findFirst().orElseThrow().id();
    StackModel pageViews = StackModel.of(views, DeploymentSettings.DEFAULT);
    assertThat(pageViews.alarms()).filteredOn(a -> a.logicalId().equals(LogicalIds.pascal(timed)
        + "WatermarkStalledAlarm")).singleElement().satisfies(a -> {
          assertThat(a.metric()).isEqualTo(AlarmMetric.ofStage("WatermarkLagMillis", views.job(), timed));
          assertThat(a.statistic()).isEqualTo("Maximum");
          assertThat(a.periodSeconds()).isEqualTo(60);
          assertThat(a.threshold()).isEqualTo(AlarmValue.of(AlarmParameter.WATERMARK_LAG_MILLIS));
          assertThat(a.evaluationPeriods()).isEqualTo(AlarmValue.of(AlarmParameter.WATERMARK_MINUTES));
        });
    assertThat(pageViews.alarmParameters()).contains(AlarmParameter.WATERMARK_LAG_MILLIS,
        AlarmParameter.WATERMARK_MINUTES).doesNotContain(AlarmParameter.MODEL_FAILURES);
    assertThat(stack(ClickCounts.class).alarmParameters()).as("no event time, no model: no unused parameter")
        .containsExactly(AlarmParameter.DEAD_LETTERS, AlarmParameter.THROTTLE_MINUTES, AlarmParameter.THROTTLES);
    StackModel rag = stack(RagIndexer.class);
    assertThat(rag.alarms()).filteredOn(a -> a.metric().metric().equals("ModelCallFailures")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.threshold()).isEqualTo(AlarmValue.of(AlarmParameter.MODEL_FAILURES)));
    assertThat(rag.alarmParameters()).contains(AlarmParameter.MODEL_FAILURES);
    if (rag.alarms().stream().noneMatch(a -> a.logicalId().endsWith("WatermarkStalledAlarm"))) {
      assertThat(rag.alarmParameters()).as("no unused parameter").doesNotContain(AlarmParameter.WATERMARK_LAG_MILLIS,
          AlarmParameter.WATERMARK_MINUTES);
    }
  }

  @Test
  void everyTableAndStreamHasAThrottleAlarmOnAwsOwnMetrics() {
    StackModel orders = stack(OrderRouting.class);
    for (TableResource table : orders.tables()) {
      assertThat(orders.alarms()).filteredOn(a -> a.logicalId().equals(table.logicalId() + "ThrottlesAlarm"))
          .singleElement().satisfies(a -> {
            assertThat(a.metrics()).containsExactly(
                AlarmMetric.of("AWS/DynamoDB", "ReadThrottleEvents", "TableName", table.name()),
                AlarmMetric.of("AWS/DynamoDB", "WriteThrottleEvents", "TableName", table.name()));
            assertThat(a.sums()).isTrue();
            assertThat(a.threshold()).isEqualTo(AlarmValue.of(AlarmParameter.THROTTLES));
            assertThat(a.evaluationPeriods()).isEqualTo(AlarmValue.of(AlarmParameter.THROTTLE_MINUTES));
          });
    }
    assertThat(orders.alarms()).extracting(AlarmResource::logicalId).as("the shard state log too")
        .contains("OrdersStateLogTableThrottlesAlarm");
    for (StreamResource stream : orders.streams()) {
      assertThat(orders.alarms()).filteredOn(a -> a.logicalId().equals(stream.logicalId() + "ThrottlesAlarm"))
          .singleElement().satisfies(a -> assertThat(a.metrics()).containsExactly(
              AlarmMetric.of("AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", stream.name())));
    }
    assertThat(orders.alarms()).extracting(AlarmResource::logicalId).doesNotHaveDuplicates();
  }

  @Test
  void theDashboardHasAJobRowAndARowPerStageNamingItsMetrics() throws Exception {
    Plan plan = Planner.plan(ClickCounts.class);
    StackModel clicks = StackModel.of(plan, DeploymentSettings.DEFAULT);
    DashboardResource dashboard = clicks.dashboard();
    assertThat(dashboard.logicalId()).isEqualTo("ClicksDashboard");
    assertThat(dashboard.name()).isEqualTo("clicks");
    var widgets = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard.body()).path("widgets");
    List<String> titles = new java.util.ArrayList<>();
    widgets.forEach(w -> titles.add(w.path("type").asText().equals("text")
        ? w.path("properties").path("markdown").asText() : w.path("properties").path("title").asText()));
    assertThat(titles).contains("Cost estimate (USD)", "### Stage clicks-1 (reads clicks-in)",
        "### Stage clicks-2 (reads clicks-in-keyed)");
    for (var stage : plan.stages()) {
      int header = -1;
      for (var w : widgets) {
        if (w.path("properties").path("markdown").asText().startsWith("### Stage " + stage.id() + " ")) {
          header = w.path("y").asInt();
        }
      }
      assertThat(header).as("a header for " + stage.id()).isPositive();
      List<String> row = new java.util.ArrayList<>();
      for (var w : widgets) {
        if (w.path("y").asInt() == header + 1) {
          row.add(w.path("properties").path("title").asText());
          assertThat(w.toString()).as("the row of " + stage.id() + " shows its own metrics")
              .doesNotContain(plan.stages().stream().filter(o -> o != stage).map(o -> "\"" + o.id() + "\"")
                  .toArray(String[]::new));
        }
      }
      assertThat(row).as("row of " + stage.id()).contains("Records", "Dead letters", "Iterator age (ms)",
          "Duration (ms)", "Errors", "Throttles");
      assertThat(row.contains("Watermark lag (ms)")).isEqualTo(stage.time() != null);
      assertThat(row.contains("State (capacity units)")).isEqualTo(!stage.state().isEmpty());
    }
    widgets.forEach(w -> {
      assertThat(w.path("x").asInt() + w.path("width").asInt()).as("inside the 24-unit grid").isLessThanOrEqualTo(24);
      if (w.path("type").asText().equals("metric")) {
        assertThat(w.path("properties").path("metrics")).as("each metric line is an array (an expression too)")
            .allSatisfy(m -> assertThat(m.isArray()).isTrue());
        assertThat(w.path("properties").path("region").asText()).isEqualTo("${AWS::Region}");
        w.path("properties").path("metrics").forEach(m -> {
          if (m.isArray() && m.get(0).asText().equals("Runnel")) {
            assertThat(List.of("RecordsIn", "RecordsWritten", "DeadLettered", "WatermarkLagMillis",
                "ModelCallFailures", "ThrottledRequests", "EstimatedCostUsd")).contains(m.get(1).asText());
            assertThat(m.get(2).asText()).isEqualTo("Job");
            assertThat(m.get(4).asText()).isEqualTo("Stage");
          }
        });
      }
    });
    assertThat(dashboard.body()).contains("\"clicks-state\"").as("the state table's capacity");
  }
}
