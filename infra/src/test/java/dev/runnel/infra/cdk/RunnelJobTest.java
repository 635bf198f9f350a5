package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.infra.cdk.CdkStacks.Synthesized;
import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.ArnRef;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.FunctionKind;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK construct builds exactly the model's resources for the example jobs. Every nested class shares the stacks
 * of {@link CdkStacks}, synthesized once in this JVM.
 */
class RunnelJobTest {

  @Nested
  class ResourceCounts {
    @Test
    void theDemoJobHasThreeStagesTwoTickedWithTheirStreamsTablesAndAlarms() {
      Template template = CdkStacks.of(CdkStacks.ORDERS).template();
      template.resourceCountIs("AWS::Kinesis::Stream", 4);
      template.resourceCountIs("AWS::DynamoDB::Table", 10);
      template.resourceCountIs("AWS::SQS::Queue", 1);
      template.resourceCountIs("AWS::SQS::QueuePolicy", 1);
      template.resourceCountIs("AWS::Lambda::Function", 5);
      template.resourceCountIs("AWS::IAM::Role", 5);
      template.resourceCountIs("AWS::Lambda::Version", 5);
      template.resourceCountIs("AWS::Lambda::Alias", 5);
      template.resourceCountIs("AWS::Lambda::EventSourceMapping", 3);
      template.resourceCountIs("AWS::Events::Rule", 2);
      template.resourceCountIs("AWS::Lambda::Permission", 2);
      template.resourceCountIs("AWS::CloudWatch::Alarm", 33);
      template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
      assertThat(Cfn.countsByType(CdkStacks.of(CdkStacks.ORDERS).json())).hasSize(13);
    }

    @Test
    void otherExamples() {
      Map<String, Integer> clicks = new java.util.HashMap<>(Map.of(
          "AWS::CloudWatch::Alarm", 16, "AWS::DynamoDB::Table", 5, "AWS::IAM::Role", 2, "AWS::Kinesis::Stream", 2,
          "AWS::Lambda::Alias", 2, "AWS::Lambda::EventSourceMapping", 2, "AWS::Lambda::Function", 2,
          "AWS::Lambda::Version", 2, "AWS::SQS::Queue", 1, "AWS::SQS::QueuePolicy", 1));
      clicks.put("AWS::CloudWatch::Dashboard", 1);
      assertThat(Cfn.countsByType(CdkStacks.of(CdkStacks.CLICKS).json())).isEqualTo(clicks);
      Map<String, Integer> comments = new java.util.HashMap<>(Map.of(
          "AWS::CloudWatch::Alarm", 24, "AWS::DynamoDB::Table", 9, "AWS::Events::Rule", 1, "AWS::IAM::Role", 3,
          "AWS::Kinesis::Stream", 2, "AWS::Lambda::Alias", 3, "AWS::Lambda::EventSourceMapping", 2,
          "AWS::Lambda::Function", 3, "AWS::Lambda::Permission", 1, "AWS::Lambda::Version", 3));
      comments.put("AWS::SQS::Queue", 1);
      comments.put("AWS::SQS::QueuePolicy", 1);
      comments.put("AWS::CloudWatch::Dashboard", 1);
      assertThat(Cfn.countsByType(CdkStacks.of(CdkStacks.COMMENTS).json())).isEqualTo(comments);
      Map<String, Integer> rag = new java.util.HashMap<>(Map.of(
          "AWS::CloudWatch::Alarm", 10, "AWS::DynamoDB::Table", 3, "AWS::IAM::Role", 1, "AWS::Kinesis::Stream", 1,
          "AWS::Lambda::Alias", 1, "AWS::Lambda::EventSourceMapping", 1, "AWS::Lambda::Function", 1,
          "AWS::Lambda::Version", 1, "AWS::SQS::Queue", 1, "AWS::SQS::QueuePolicy", 1));
      rag.put("AWS::CloudWatch::Dashboard", 1);
      assertThat(Cfn.countsByType(CdkStacks.of(CdkStacks.RAG).json())).isEqualTo(rag);
    }

    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void countsFollowTheModel(String job) {
      Synthesized s = CdkStacks.of(job);
      StackModel model = s.model();
      s.template().resourceCountIs("AWS::Kinesis::Stream", model.streams().size());
      s.template().resourceCountIs("AWS::DynamoDB::Table", model.tables().size());
      s.template().resourceCountIs("AWS::Lambda::Function", model.functions().size());
      s.template().resourceCountIs("AWS::Lambda::EventSourceMapping", model.mappings().size());
      s.template().resourceCountIs("AWS::Events::Rule", model.schedules().size());
      s.template().resourceCountIs("AWS::CloudWatch::Alarm", model.alarms().size());
      assertThat(model.mappings()).hasSize(s.plan().stages().size());
      // Every resource the model names keeps its logical id.
      assertThat(Cfn.resources(s.json()).keySet()).containsAll(model.logicalIds().stream()
          .filter(id -> !model.isParameter(id)).toList());
      // No policy resource: nothing was granted through the CDK's grant methods.
      s.template().resourceCountIs("AWS::IAM::Policy", 0);
    }
  }

  @Nested
  class Streams {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void shardCountsAndEncryptionAsPlanned(String job) {
      Synthesized s = CdkStacks.of(job);
      for (StreamSpec stream : s.plan().streams()) {
        Map<String, Object> props = Cfn.properties(s.json(), LogicalIds.stream(stream.name()));
        assertThat(props).containsEntry("Name", stream.name()).containsEntry("ShardCount", stream.shards())
            .containsEntry("RetentionPeriodHours", 24)
            .containsEntry("StreamModeDetails", Map.of("StreamMode", "PROVISIONED"))
            .containsEntry("StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis"));
      }
    }

    @Test
    void theDemoSourceHasTwoShards() {
      CdkStacks.of(CdkStacks.ORDERS).template().hasResourceProperties("AWS::Kinesis::Stream",
          Map.of("Name", "orders-in", "ShardCount", 2));
    }
  }

  @Nested
  class Tables {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void keysBillingRecoveryAndTtlAsPlanned(String job) {
      Synthesized s = CdkStacks.of(job);
      for (TableSpec table : s.plan().tables()) {
        Map<String, Object> props = Cfn.properties(s.json(), LogicalIds.table(table.name()));
        List<Object> keys = new ArrayList<>(List.of(Map.of("AttributeName", table.partitionKey(), "KeyType", "HASH")));
        if (table.sortKey() != null) {
          keys.add(Map.of("AttributeName", table.sortKey(), "KeyType", "RANGE"));
        }
        assertThat(props).containsEntry("TableName", table.name()).containsEntry("KeySchema", keys)
            .containsEntry("BillingMode", "PAY_PER_REQUEST")
            .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
        String ttl = table.ttlAttribute() != null ? table.ttlAttribute() : switch (table.role()) {
          case STATE, CHECKPOINT -> "ttl";
          case INFERENCE_RESULTS -> "expiresAt";
          default -> null;
        };
        if (table.role() == TableRole.DEAD_LETTER) {
          assertThat(ttl).isEqualTo("expiresAt");
          String key = s.model().deadLetterKey().logicalId();
          assertThat(props).containsEntry("SSESpecification", Map.of("Fn::If", List.of(
              s.model().deadLetterKey().condition(),
              Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", Map.of("Ref", key)),
              Map.of("Ref", "AWS::NoValue"))));
        } else {
          assertThat(props).as("only the dead letters take the key").doesNotContainKey("SSESpecification");
        }
        if (ttl == null) {
          assertThat(props).doesNotContainKey("TimeToLiveSpecification");
        } else {
          assertThat(props).containsEntry("TimeToLiveSpecification", Map.of("AttributeName", ttl, "Enabled", true));
        }
      }
    }

    @Test
    void tablesAreRetainedWhenTheStackIsDeleted() {
      CdkStacks.of(CdkStacks.ORDERS).template().hasResource("AWS::DynamoDB::Table",
          Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
      assertThat(CdkStacks.of(CdkStacks.ORDERS).plan().tables(TableRole.STATE)).hasSize(1);
    }
  }

  @Nested
  class Functions {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void runtimeMemoryTimeoutSnapStartAndEnvironmentAsModelled(String job) {
      Synthesized s = CdkStacks.of(job);
      for (FunctionResource function : s.model().functions()) {
        Map<String, Object> props = Cfn.properties(s.json(), function.logicalId());
        assertThat(props).containsEntry("FunctionName", function.functionName())
            .containsEntry("Runtime", "java21").containsEntry("Handler", function.handler())
            .containsEntry("MemorySize", function.memoryMb()).containsEntry("Timeout", function.timeoutSeconds())
            .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
            .containsEntry("Role", Cfn.arnOf(function.logicalId() + "Role"));
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) props.get("Environment"))
            .get("Variables");
        assertThat(variables).containsEntry("RUNNEL_STAGE", function.stageId())
            .containsEntry("RUNNEL_PLAN_RESOURCE", "/runnel/plans/" + s.plan().job() + ".json")
            .hasSize(function.environment().size());
        // The alias every trigger invokes, on the published version.
        assertThat(Cfn.properties(s.json(), function.logicalId() + "Aliaslive"))
            .containsEntry("Name", "live").containsEntry("FunctionName", Map.of("Ref", function.logicalId()));
      }
    }

    @Test
    void theDemosEmbeddingStageGetsTheModelMemoryAndItsModelsAttemptTime() {
      Synthesized s = CdkStacks.of(CdkStacks.ORDERS);
      FunctionResource embedding = s.model().function("Orders2Function").orElseThrow();
      assertThat(embedding.memoryMb()).isEqualTo(DeploymentSettings.DEFAULT.modelMemoryMb());
      assertThat(embedding.timeoutSeconds()).isGreaterThan(DeploymentSettings.DEFAULT.timeoutSeconds());
      s.template().hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "orders-2",
          "MemorySize", 2048, "Timeout", embedding.timeoutSeconds()));
      s.template().hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "orders-1",
          "MemorySize", 1024, "Timeout", 60));
    }

    @Test
    void aModelKeyFromTheEnvironmentIsANoEchoParameterWhoseValueNeverEntersTheTemplate() {
      Synthesized s = CdkStacks.of(CdkStacks.COMMENTS);
      s.template().hasParameter("OpenaiApiKey", Map.of("Type", "String", "NoEcho", true, "Default", ""));
      FunctionResource caller = s.model().functions().stream()
          .filter(f -> f.environment().containsKey("OPENAI_API_KEY")).findFirst().orElseThrow();
      s.template().hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", caller.functionName(),
          "Environment", Map.of("Variables", Match.objectLike(Map.of("OPENAI_API_KEY", Map.of("Ref", "OpenaiApiKey"))))));
    }
  }

  @Nested
  class Mappings {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void everyStagesMappingHasThePlansBatching(String job) {
      Synthesized s = CdkStacks.of(job);
      boolean exactlyOnce = !s.plan().tables(TableRole.CHECKPOINT).isEmpty();
      String queue = s.model().deadLetterQueue().logicalId();
      for (StageSpec stage : s.plan().stages()) {
        String function = LogicalIds.function(stage.id());
        BatchingSpec batching = stage.batching();
        Map<String, Object> props = Cfn.properties(s.json(), function + "Input");
        assertThat(props)
            .containsEntry("FunctionName", Map.of("Ref", function + "Aliaslive"))
            .containsEntry("EventSourceArn", Cfn.arnOf(LogicalIds.stream(stage.input().stream())))
            .containsEntry("StartingPosition", "TRIM_HORIZON")
            .containsEntry("BatchSize", batching.batchSize())
            .containsEntry("MaximumBatchingWindowInSeconds", batching.batchingWindowSeconds())
            .containsEntry("BisectBatchOnFunctionError", batching.bisectOnError())
            .containsEntry("MaximumRetryAttempts", batching.maximumRetryAttempts())
            .containsEntry("ParallelizationFactor", batching.parallelizationFactor())
            .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
            .containsEntry("DestinationConfig", Map.of("OnFailure", Map.of("Destination", Cfn.arnOf(queue))));
        boolean neverGiveUp = exactlyOnce || batching.maximumRetryAttempts() == -1;
        assertThat(props).containsEntry("MaximumRecordAgeInSeconds",
            neverGiveUp ? -1 : DeploymentSettings.DEFAULT.maximumRecordAgeSeconds());
      }
    }

    @Test
    void theDemoIsExactlyOnceSoItsMappingsRetryForever() {
      CdkStacks.of(CdkStacks.ORDERS).template().allResourcesProperties("AWS::Lambda::EventSourceMapping",
          Map.of("MaximumRetryAttempts", -1, "MaximumRecordAgeInSeconds", -1, "BisectBatchOnFunctionError", true));
    }
  }

  @Nested
  class Roles {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void eachRoleHasExactlyTheModelsStatementsOnTheModelsResources(String job) {
      Synthesized s = CdkStacks.of(job);
      for (FunctionResource function : s.model().functions()) {
        Map<String, Object> role = Cfn.properties(s.json(), function.logicalId() + "Role");
        assertThat(Cfn.list(role.get("ManagedPolicyArns"))).singleElement().asString()
            .doesNotContain("arn:aws:").isNotNull();
        assertThat(role.get("ManagedPolicyArns").toString()).contains("service-role/AWSLambdaBasicExecutionRole");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> policies = (List<Map<String, Object>>) role.get("Policies");
        assertThat(policies).singleElement().extracting(p -> p.get("PolicyName")).isEqualTo("RunnelStageAccess");
        @SuppressWarnings("unchecked")
        List<Object> statements = (List<Object>) ((Map<String, Object>) policies.get(0).get("PolicyDocument"))
            .get("Statement");
        List<Object> expected = function.policies().stream().map(p -> {
          Object statement = new java.util.TreeMap<>(Map.of("Sid", p.sid(), "Effect", "Allow",
              "Action", List.copyOf(p.actions()),
              "Resource", p.resources().stream().map(RunnelJobTest::rendered).toList()));
          return p.condition() == null ? statement
              : Map.of("Fn::If", List.of(p.condition(), statement, Map.of("Ref", "AWS::NoValue")));
        }).toList();
        assertThat(statements.stream().map(Cfn::statement).toList()).isEqualTo(expected);
      }
    }

    @Test
    void noInlineStatementOfAnyExampleGrantsOnEverything() {
      Synthesized all = CdkStacks.nagged(RunnelApp.EXAMPLE_JOBS);
      List<String> roles = Cfn.ofType(all.json(), "AWS::IAM::Role");
      assertThat(roles).hasSize(all.models().stream().mapToInt(m -> m.functions().size()).sum());
      for (String role : roles) {
        String policies = String.valueOf(Cfn.properties(all.json(), role).get("Policies"));
        assertThat(policies).as(role).doesNotContain("*");
      }
    }

    @Test
    void aStageReadsOnlyItsInputAndWritesOnlyItsOutputs() {
      Map<String, Object> role = Cfn.properties(CdkStacks.of(CdkStacks.ORDERS).json(), "Orders1FunctionRole");
      String policies = String.valueOf(role.get("Policies"));
      assertThat(policies).contains("ReadInputStream", "OrdersInStream", "WriteOutputStreams", "OrdersRouteStream",
          "OrdersFailedBatchesQueue", "sqs:SendMessage");
      assertThat(policies).doesNotContain("OrdersSaleStream", "OrdersStateTable", "dynamodb:DeleteItem",
          "sqs:GetQueueAttributes");
    }
  }

  @Nested
  class Schedules {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void everyTickedStageHasARuleInvokingItsTickFunctionsAlias(String job) {
      Synthesized s = CdkStacks.of(job);
      List<StageSpec> ticked = s.plan().stages().stream()
          .filter(st -> st.time() != null && st.time().tickSeconds() > 0).toList();
      assertThat(Cfn.ofType(s.json(), "AWS::Events::Rule")).hasSize(ticked.size());
      for (StageSpec stage : ticked) {
        String tick = LogicalIds.tickFunction(stage.id());
        long minutes = stage.time().tickSeconds() / 60;
        assertThat(Cfn.properties(s.json(), LogicalIds.tickSchedule(stage.id())))
            .containsEntry("ScheduleExpression", minutes == 1 ? "rate(1 minute)" : "rate(" + minutes + " minutes)")
            .containsEntry("State", "ENABLED")
            .containsEntry("Targets", List.of(Map.of("Arn", Map.of("Ref", tick + "Aliaslive"), "Id", "Target0")));
        s.template().hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
            "Principal", "events.amazonaws.com", "FunctionName", Map.of("Ref", tick + "Aliaslive")));
        assertThat(s.model().function(tick).orElseThrow().kind()).isEqualTo(FunctionKind.TICK);
      }
    }
  }

  @Nested
  class Alarms {
    @ParameterizedTest
    @ValueSource(strings = {CdkStacks.ORDERS, CdkStacks.CLICKS, CdkStacks.COMMENTS, CdkStacks.RAG})
    void everyModelAlarmWithoutActionsByDefault(String job) {
      Synthesized s = CdkStacks.of(job);
      for (AlarmResource alarm : s.model().alarms()) {
        Map<String, Object> properties = Cfn.properties(s.json(), alarm.logicalId());
        assertThat(properties).containsEntry("ComparisonOperator", alarm.comparison())
            .containsEntry("TreatMissingData", alarm.treatMissingData())
            .doesNotContainKey("AlarmActions");
        if (alarm.sums()) {
          assertThat(properties).containsKey("Metrics").doesNotContainKey("MetricName");
        } else {
          assertThat(properties).containsEntry("Namespace", alarm.metric().namespace())
              .containsEntry("MetricName", alarm.metric().metric())
              .containsEntry("Statistic", alarm.statistic()).containsEntry("Period", alarm.periodSeconds());
        }
      }
      s.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "IteratorAge",
          "Threshold", 60000));
      String stage = s.plan().stages().get(0).id();
      s.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "Runnel",
          "MetricName", "DeadLettered", "Dimensions", List.of(Map.of("Name", "Job", "Value", s.plan().job()),
              Map.of("Name", "Stage", "Value", stage)),
          "Statistic", "Sum", "Period", 300, "Threshold", Map.of("Ref", "DeadLetterAlarmThreshold"),
          "TreatMissingData", "notBreaching"));
      s.template().hasParameter("ThrottleAlarmThreshold", Map.of("Type", "Number", "Default", 0, "MinValue", 0));
      s.template().resourceCountIs("AWS::CloudWatch::Dashboard", 1);
      s.template().hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", s.plan().job(),
          "DashboardBody", Map.of("Fn::Sub", s.model().dashboard().body())));
    }

    @Test
    void alarmsNotifyTheTopicGiven() {
      StackModel model = StackModel.of(Planner.plan(CdkStacks.RAG), DeploymentSettings.DEFAULT);
      App app = new App();
      RunnelStack stack = new RunnelStack(app, "with-topic", RunnelStackProps.of(StackProps.builder().build(),
          List.of(model)).withCode(Code.fromAsset(CdkStacks.functionJar().toString()))
          .withAlarmTopicArn("arn:aws:sns:eu-central-1:123456789012:ops"));
      Template.fromStack(stack).allResourcesProperties("AWS::CloudWatch::Alarm",
          Map.of("AlarmActions", List.of("arn:aws:sns:eu-central-1:123456789012:ops")));
    }
  }

  @Nested
  class SharedResources {
    @Test
    @SuppressWarnings("unchecked")
    void twoJobsReadingOneKeyShareOneParameter() {
      Synthesized s = CdkStacks.of(List.of(CdkStacks.COMMENTS, "dev.runnel.examples.moderation.ListingModeration"));
      assertThat(s.models()).allSatisfy(m -> assertThat(m.parameters()).isNotEmpty());
      List<String> expected = new java.util.ArrayList<>(List.of("OpenaiApiKey", "CommentsDeadLetterKeyArn",
          "ModerationDeadLetterKeyArn", "BootstrapVersion"));
      s.models().stream().flatMap(m -> m.alarmParameters().stream()).map(AlarmParameter::logicalId).distinct()
          .forEach(expected::add);
      assertThat(((Map<String, ?>) s.json().get("Parameters")).keySet()).containsExactlyInAnyOrderElementsOf(expected)
          .contains("DeadLetterAlarmThreshold", "ModelFailureAlarmThreshold");
    }

    @Test
    void twoJobsDefiningOneResourceDifferentlyAreRefused() {
      StackModel orders = StackModel.of(Planner.plan(CdkStacks.ORDERS), DeploymentSettings.DEFAULT);
      StackModel bigger = new StackModel(orders.job(), orders.jobClass(), orders.streams().stream()
          .map(st -> new dev.runnel.infra.stack.StreamResource(st.logicalId(), st.name(), st.shards() + 1, st.role(),
              st.retentionHours(), st.kmsKeyId())).toList(), orders.tables(), orders.deadLetterQueue(),
          List.of(), List.of(), List.of(), List.of(), orders.dashboard(), List.of(), null);
      App app = new App();
      RunnelStackProps props = RunnelStackProps.of(StackProps.builder().build(), List.of(orders))
          .withCode(Code.fromAsset(CdkStacks.functionJar().toString()));
      RunnelStack stack = new RunnelStack(app, "twice", props);
      assertThatThrownBy(() -> new RunnelJob(stack, "Again", RunnelJobProps.of(bigger)))
          .hasMessageContaining("two jobs define OrdersInStream differently");
    }
  }

  /** How the construct renders an ARN reference of the model. */
  static Object rendered(ArnRef ref) {
    if (ref instanceof ArnRef.OfResource resource) {
      return Cfn.arnOf(resource.logicalId());
    }
    if (ref instanceof ArnRef.OfParameter parameter) {
      return Map.of("Ref", parameter.logicalId());
    }
    ArnRef.Pattern pattern = (ArnRef.Pattern) ref;
    return pattern.substituted() ? Map.of("Fn::Sub", pattern.pattern()) : pattern.pattern();
  }
}
