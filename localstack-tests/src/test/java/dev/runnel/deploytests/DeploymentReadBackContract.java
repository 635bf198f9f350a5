package dev.runnel.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.deploytests.backend.ControlPlane;
import dev.runnel.deploytests.backend.Gap;
import dev.runnel.deploytests.deploy.DeployedStack;
import dev.runnel.deploytests.deploy.StackResource;
import dev.runnel.deploytests.readback.Dashboards;
import dev.runnel.deploytests.readback.DeployedMappings;
import dev.runnel.deploytests.readback.PolicyStatement;
import dev.runnel.deploytests.readback.RolePolicies;
import dev.runnel.deploytests.support.DeployedExamples;
import dev.runnel.deploytests.support.ExamplePlans;
import dev.runnel.deploytests.support.StackArns;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Reads every resource of the deployed example stacks back through the AWS APIs and compares it with the template
 * it was created from: streams, tables, functions, event source mappings with every setting, the on-failure queue,
 * the functions' role policies, the jobs' dashboards and alarms. Settings a backend does not deploy (its {@link Gap}s) are checked in the
 * translated template instead. Runs on each backend through a subclass.
 */
abstract class DeploymentReadBackContract {
  /** Actions that take no resource-level permissions, so {@code *} is the only correct resource for them. */
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Set<String> RESOURCELESS_ACTIONS = Set.of("cloudwatch:PutMetricData", "xray:PutTraceSegments",
      "xray:PutTelemetryRecords", "kinesis:ListStreams");

  /** The stacks deployed on the backend under test. */
  abstract DeployedExamples deployed();

  @Test
  void everyResourceOfEveryStackIsCreated() {
    assertThat(deployed().stacks()).isNotEmpty();
    for (DeployedStack stack : deployed().stacks()) {
      assertThat(stack.resources()).as(stack.name()).isNotEmpty()
          .allSatisfy(r -> assertThat(r.status()).as(r.logicalId()).isEqualTo("CREATE_COMPLETE"));
      assertThat(stack.resources()).extracting(StackResource::type).as(stack.name())
          .contains("AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::Lambda::Function", "AWS::IAM::Role",
              "AWS::Lambda::EventSourceMapping", "AWS::SQS::Queue", "AWS::CloudWatch::Dashboard");
      List<String> expected = new ArrayList<>();
      stack.template().json().path("Resources").fields().forEachRemaining(r -> {
        String type = r.getValue().path("Type").asText();
        if (!(type.equals("AWS::Lambda::Alias") && gap(Gap.LAMBDA_ALIAS))
            && !(type.equals("AWS::CloudWatch::Alarm") && gap(Gap.ALARMS))) {
          expected.add(r.getKey());
        }
      });
      assertThat(stack.resources()).as("every template resource exists in " + stack.name())
          .extracting(StackResource::logicalId).containsAll(expected);
    }
  }

  @Test
  void streamsHaveTheirShardCountsAndEncryption() {
    for (DeployedStack stack : deployed().stacks()) {
      for (JsonNode props : stack.template().resources("AWS::Kinesis::Stream").values()) {
        String name = props.path("Name").asText();
        StreamDescriptionSummary stream = aws().kinesis().describeStreamSummary(b -> b.streamName(name))
            .streamDescriptionSummary();
        assertThat(stream.openShardCount()).as("shards of " + name).isEqualTo(props.path("ShardCount").asInt());
        assertThat(stream.streamStatusAsString()).isEqualTo("ACTIVE");
        // moto 5.2 creates every stream unencrypted whatever StreamEncryption says: checked in the template there.
        assertThat(props.path("StreamEncryption").path("EncryptionType").asText()).as("encryption of " + name)
            .isEqualTo("KMS");
        if (!gap(Gap.STREAM_ENCRYPTION)) {
          assertThat(stream.encryptionTypeAsString()).as("encryption of " + name).isEqualTo("KMS");
        }
      }
    }
    for (Plan plan : deployedPlans()) {
      plan.streams().forEach(spec -> assertThat(aws().kinesis().describeStreamSummary(b -> b.streamName(spec.name()))
          .streamDescriptionSummary().openShardCount()).as("plan stream " + spec.name()).isEqualTo(spec.shards()));
    }
  }

  @Test
  void tablesHaveTheirKeysBillingTtlAndPointInTimeRecovery() {
    for (DeployedStack stack : deployed().stacks()) {
      for (JsonNode props : stack.template().resources("AWS::DynamoDB::Table").values()) {
        String name = props.path("TableName").asText();
        TableDescription table = aws().dynamoDb().describeTable(b -> b.tableName(name)).table();
        Map<String, String> expectedKeys = new LinkedHashMap<>();
        props.path("KeySchema").forEach(k -> expectedKeys.put(k.path("AttributeName").asText(),
            k.path("KeyType").asText()));
        Map<String, String> keys = new LinkedHashMap<>();
        table.keySchema().forEach(k -> keys.put(k.attributeName(), k.keyTypeAsString()));
        assertThat(keys).as("keys of " + name).isEqualTo(expectedKeys);
        assertThat(table.billingModeSummary().billingModeAsString()).as("billing of " + name)
            .isEqualTo(props.path("BillingMode").asText());
        // moto 5.2's CloudFormation drops TimeToLiveSpecification and PointInTimeRecoverySpecification (both read
        // back DISABLED): the template is checked, and the API only where the backend keeps them.
        assertThat(props.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
            .as("point-in-time recovery of " + name).isTrue();
        JsonNode ttl = props.path("TimeToLiveSpecification");
        if (!gap(Gap.TABLE_TTL)) {
          var described = aws().dynamoDb().describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
          assertThat(described.timeToLiveStatus()).as("TTL of " + name).isEqualTo(
              ttl.path("Enabled").asBoolean() ? TimeToLiveStatus.ENABLED : TimeToLiveStatus.DISABLED);
          if (ttl.path("Enabled").asBoolean()) {
            assertThat(described.attributeName()).isEqualTo(ttl.path("AttributeName").asText());
          }
        }
        if (!gap(Gap.TABLE_PITR)) {
          assertThat(aws().dynamoDb().describeContinuousBackups(b -> b.tableName(name)).continuousBackupsDescription()
              .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        }
      }
    }
    for (Plan plan : deployedPlans()) {
      for (TableSpec spec : plan.tables()) {
        TableDescription table = aws().dynamoDb().describeTable(b -> b.tableName(spec.name())).table();
        assertThat(table.keySchema()).as("plan table " + spec.name()).anySatisfy(k -> {
          assertThat(k.attributeName()).isEqualTo(spec.partitionKey());
          assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        if (spec.sortKey() != null) {
          assertThat(table.keySchema()).anySatisfy(k -> {
            assertThat(k.attributeName()).isEqualTo(spec.sortKey());
            assertThat(k.keyType()).isEqualTo(KeyType.RANGE);
          });
        }
      }
      assertThat(stateTablesWithTtl(plan)).as("state tables of " + plan.job() + " expire items")
          .allSatisfy(table -> assertThat(templateTable(table).path("TimeToLiveSpecification").path("Enabled")
              .asBoolean()).as("TTL of " + table).isTrue());
    }
  }

  @Test
  void functionsHaveTheirHandlerRuntimeMemoryTimeoutAndEnvironment() {
    int functions = 0;
    for (DeployedStack stack : deployed().stacks()) {
      for (Map.Entry<String, JsonNode> entry : stack.template().resources("AWS::Lambda::Function").entrySet()) {
        JsonNode props = entry.getValue();
        String name = physicalId(stack, entry.getKey());
        GetFunctionConfigurationResponse function = aws().lambda().getFunctionConfiguration(b -> b.functionName(name));
        assertThat(function.handler()).as("handler of " + name).isEqualTo(props.path("Handler").asText())
            .isIn("dev.runnel.functions.StageStreamHandler::handleRequest",
                "dev.runnel.functions.StageTickHandler::handleRequest");
        assertThat(function.runtimeAsString()).as("runtime of " + name).isEqualTo(props.path("Runtime").asText())
            .isEqualTo("java21");
        assertThat(function.memorySize()).as("memory of " + name).isEqualTo(props.path("MemorySize").asInt());
        assertThat(function.timeout()).as("timeout of " + name).isEqualTo(props.path("Timeout").asInt());
        Map<String, String> variables = function.environment().variables();
        props.path("Environment").path("Variables").fields().forEachRemaining(variable -> {
          assertThat(variables).as("environment of " + name).containsKey(variable.getKey());
          if (variable.getValue().isTextual()) {
            assertThat(variables.get(variable.getKey())).isEqualTo(variable.getValue().asText());
          }
        });
        String stage = variables.get(DeployedMappings.STAGE_VARIABLE);
        assertThat(stage).as("RUNNEL_STAGE of " + name).isNotBlank();
        assertThat(ExamplePlans.ofStage(stage)).as("a stage of an example job: " + stage).isPresent();
        if (props.has("SnapStart") && !gap(Gap.SNAPSTART)) {
          assertThat(function.snapStart().applyOnAsString()).as("SnapStart of " + name)
              .isEqualTo(props.path("SnapStart").path("ApplyOn").asText());
        }
        functions++;
      }
    }
    assertThat(functions).isPositive();
  }

  @Test
  void eventSourceMappingsCarryEverySettingAndTheOnFailureQueue() {
    int mappings = 0;
    for (DeployedStack stack : deployed().stacks()) {
      StackArns arns = new StackArns(stack, aws());
      List<String> queues = stack.physicalIds("AWS::SQS::Queue").stream().map(url -> arns.ofName(
          url.substring(url.lastIndexOf('/') + 1))).toList();
      for (Map.Entry<String, JsonNode> entry : stack.template().resources("AWS::Lambda::EventSourceMapping")
          .entrySet()) {
        JsonNode props = entry.getValue();
        String uuid = physicalId(stack, entry.getKey());
        GetEventSourceMappingResponse m = aws().lambda().getEventSourceMapping(b -> b.uuid(uuid));
        String what = "mapping " + entry.getKey();
        assertThat(m.eventSourceArn()).as(what).isEqualTo(arns.resolve(props.path("EventSourceArn")));
        assertThat(m.startingPositionAsString()).as(what).isEqualTo(props.path("StartingPosition").asText());
        assertThat(m.batchSize()).as(what + " batch size").isEqualTo(props.path("BatchSize").asInt());
        assertThat(m.maximumBatchingWindowInSeconds()).as(what + " batching window")
            .isEqualTo(props.path("MaximumBatchingWindowInSeconds").asInt());
        assertThat(m.bisectBatchOnFunctionError()).as(what + " bisect")
            .isEqualTo(props.path("BisectBatchOnFunctionError").asBoolean());
        assertThat(m.maximumRetryAttempts()).as(what + " retries").isEqualTo(props.path("MaximumRetryAttempts").asInt());
        assertThat(m.maximumRecordAgeInSeconds()).as(what + " record age")
            .isEqualTo(props.path("MaximumRecordAgeInSeconds").asInt());
        assertThat(m.parallelizationFactor()).as(what + " parallelization")
            .isEqualTo(props.path("ParallelizationFactor").asInt());
        assertThat(m.functionResponseTypes()).as(what).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(m.destinationConfig().onFailure().destination()).as(what + " on-failure destination")
            .isEqualTo(arns.resolve(props.path("DestinationConfig").path("OnFailure").path("Destination")))
            .isIn(queues);

        JsonNode target = props.path("FunctionName").path("Ref");
        if (stack.template().resources("AWS::Lambda::Alias").containsKey(target.asText())) {
          String alias = stack.template().resources("AWS::Lambda::Alias").get(target.asText()).path("Name").asText();
          if (!gap(Gap.LAMBDA_ALIAS)) {
            assertThat(m.functionArn()).as(what + " invokes the published alias").endsWith(":" + alias);
          }
        }
        GetFunctionConfigurationResponse function = aws().lambda().getFunctionConfiguration(b -> b.functionName(
            m.functionArn()));
        StageSpec stage = ExamplePlans.stage(function.environment().variables().get(DeployedMappings.STAGE_VARIABLE));
        assertThat(m.eventSourceArn()).as(what + " reads its stage's input").isEqualTo(
            arns.ofName(stage.input().stream()));
        mappings++;
      }
    }
    assertThat(mappings).isPositive();
  }

  @Test
  void rolePoliciesAreScopedToTheStagesOwnStreamsTablesAndQueue() {
    RolePolicies policies = new RolePolicies(aws().iam());
    int roles = 0;
    for (DeployedStack stack : deployed().stacks()) {
      StackArns arns = new StackArns(stack, aws());
      for (String functionName : stack.physicalIds("AWS::Lambda::Function")) {
        GetFunctionConfigurationResponse function = aws().lambda().getFunctionConfiguration(b -> b.functionName(
            functionName));
        String stageId = function.environment().variables().get(DeployedMappings.STAGE_VARIABLE);
        Plan plan = ExamplePlans.ofStage(stageId).orElseThrow();
        StageSpec stage = ExamplePlans.stage(stageId);
        List<PolicyStatement> statements = policies.inlineStatements(function.role());
        assertThat(statements).as("policies of " + functionName).isNotEmpty();

        String input = arns.ofName(stage.input().stream());
        Set<String> writes = new HashSet<>();
        stage.outputs().stream().filter(o -> o.kind() == OutputKind.REPARTITION || o.kind() == OutputKind.STREAM)
            .forEach(o -> writes.add(arns.ofName(o.target())));
        Set<String> needed = new HashSet<>();
        stage.outputs().stream().filter(o -> o.kind() == OutputKind.TABLE).forEach(o -> needed.add(
            arns.ofName(o.target())));
        if (stage.layout() == StateLayout.LOG) {
          // a stage in the state log layout keeps its keyed state in the state-log table, not the state table
          plan.tables(TableRole.STATE_LOG).forEach(t -> needed.add(arns.ofName(t.name())));
        } else {
          stage.state().stream().map(StateSpec::table).forEach(t -> needed.add(arns.ofName(t)));
        }
        plan.tables(TableRole.DEAD_LETTER).forEach(t -> needed.add(arns.ofName(t.name())));
        plan.tables(TableRole.CHECKPOINT).forEach(t -> needed.add(arns.ofName(t.name())));
        Set<String> mayTouch = new HashSet<>(needed);
        for (TableRole shared : List.of(TableRole.STATE_LOG, TableRole.PROGRESS, TableRole.TIMERS,
            TableRole.INFERENCE_RESULTS, TableRole.RATE_LIMITS)) {
          plan.tables(shared).forEach(t -> mayTouch.add(arns.ofName(t.name())));
        }
        plan.streams().forEach(st -> mayTouch.add(arns.ofName(st.name())));
        mayTouch.addAll(stack.physicalIds("AWS::SQS::Queue").stream()
            .map(url -> arns.ofName(url.substring(url.lastIndexOf('/') + 1))).toList());

        for (PolicyStatement statement : statements) {
          assertThat(statement.effect()).isEqualTo("Allow");
          for (String resource : statement.resources()) {
            if (resource.equals("*")) {
              assertThat(statement.actions()).as(functionName + ": only actions without resource-level permissions "
                  + "may have Resource *").allMatch(RESOURCELESS_ACTIONS::contains);
            } else if (!resource.startsWith("arn:aws:logs:")) {
              assertThat(mayTouch).as(functionName + " may touch " + resource)
                  .anyMatch(arn -> resource.equals(arn) || resource.startsWith(arn + "/"));
            }
          }
        }
        if (function.handler().startsWith("dev.runnel.functions.StageStreamHandler")) {
          assertThat(resourcesOf(statements, "kinesis:GetRecords")).as(functionName + " reads its input only")
              .containsExactly(input);
          assertThat(resourcesOf(statements, "kinesis:PutRecords")).as(functionName + " writes its outputs only")
              .containsExactlyInAnyOrderElementsOf(writes);
          assertThat(resourcesOf(statements, "dynamodb:")).as(functionName + " reaches its tables")
              .containsAll(needed);
          assertThat(resourcesOf(statements, "kms:")).as(functionName + " may use no KMS key while the dead-letter "
              + "key parameter is empty").isEmpty();
          roles++;
        }
      }
    }
    assertThat(roles).isPositive();
  }

  @Test
  void eachJobHasADashboardWithARowPerStage() throws Exception {
    Dashboards dashboards = new Dashboards(aws().cloudFormation().serviceClientConfiguration().endpointOverride()
        .orElseThrow(), deployed().backend().region());
    int created = 0;
    for (DeployedStack stack : deployed().stacks()) {
      for (JsonNode props : stack.template().resources("AWS::CloudWatch::Dashboard").values()) {
        String name = props.path("DashboardName").asText();
        Plan plan = deployedPlans().stream().filter(p -> p.job().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("dashboard " + name + " names no deployed job"));
        JsonNode body = JSON.readTree(dashboards.body(name));
        List<String> markdown = new ArrayList<>();
        body.path("widgets").forEach(w -> {
          markdown.add(w.path("properties").path("markdown").asText());
          if (w.path("type").asText().equals("metric")) {
            assertThat(w.path("properties").path("region").asText()).as("region of a graph of " + name)
                .isEqualTo(deployed().backend().region());
          }
        });
        for (StageSpec stage : plan.stages()) {
          assertThat(markdown).as("dashboard " + name).anyMatch(m -> m.startsWith("### Stage " + stage.id() + " "));
        }
        created++;
      }
    }
    assertThat(created).as("one dashboard per deployed job").isEqualTo(deployedPlans().size());
  }

  @Test
  void alarmsWatchTheStacksOwnResourcesWithParameterThresholds() {
    int alarms = 0;
    for (DeployedStack stack : deployed().stacks()) {
      JsonNode parameters = stack.template().json().path("Parameters");
      Set<String> names = new HashSet<>();
      stack.template().resources("AWS::DynamoDB::Table").values().forEach(t -> names.add(t.path("TableName").asText()));
      stack.template().resources("AWS::Kinesis::Stream").values().forEach(t -> names.add(t.path("Name").asText()));
      Set<String> jobs = new HashSet<>();
      deployedPlans().forEach(p -> jobs.add(p.job()));
      for (Map.Entry<String, JsonNode> entry : stack.template().resources("AWS::CloudWatch::Alarm").entrySet()) {
        JsonNode props = entry.getValue();
        for (String number : List.of("Threshold", "EvaluationPeriods")) {
          JsonNode ref = props.path(number).path("Ref");
          if (ref.isTextual()) {
            assertThat(parameters.path(ref.asText()).path("Type").asText()).as(entry.getKey() + " " + number)
                .isEqualTo("Number");
          } else {
            assertThat(props.path(number).isNumber()).as(entry.getKey() + " " + number).isTrue();
          }
        }
        List<JsonNode> dimensions = new ArrayList<>();
        props.path("Dimensions").forEach(dimensions::add);
        props.path("Metrics").forEach(m -> m.path("MetricStat").path("Metric").path("Dimensions")
            .forEach(dimensions::add));
        assertThat(dimensions).as(entry.getKey()).isNotEmpty().allSatisfy(d -> {
          switch (d.path("Name").asText()) {
            case "TableName", "StreamName" -> assertThat(names).as(entry.getKey()).contains(d.path("Value").asText());
            case "Job" -> assertThat(jobs).as(entry.getKey()).contains(d.path("Value").asText());
            default -> assertThat(d.path("Value").asText()).isNotBlank();
          }
        });
        alarms++;
      }
    }
    assertThat(alarms).isPositive();
  }

  private ControlPlane aws() {
    return deployed().controlPlane();
  }

  private List<Plan> deployedPlans() {
    Set<String> jobs = new HashSet<>();
    List<Plan> plans = new ArrayList<>();
    for (var mapping : deployed().mappings()) {
      ExamplePlans.ofStage(mapping.stage()).filter(p -> jobs.add(p.job())).ifPresent(plans::add);
    }
    assertThat(plans).as("the deployed functions run stages of the example jobs").isNotEmpty();
    return plans;
  }

  private static Set<String> stateTablesWithTtl(Plan plan) {
    Set<String> tables = new HashSet<>();
    plan.stages().forEach(s -> s.state().stream().filter(st -> st.ttlSeconds() > 0)
        .forEach(st -> tables.add(st.table())));
    return tables;
  }

  private JsonNode templateTable(String name) {
    for (DeployedStack stack : deployed().stacks()) {
      for (JsonNode props : stack.template().resources("AWS::DynamoDB::Table").values()) {
        if (name.equals(props.path("TableName").asText())) {
          return props;
        }
      }
    }
    throw new AssertionError("no template declares table " + name);
  }

  private static String physicalId(DeployedStack stack, String logicalId) {
    return stack.resources().stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
        .map(StackResource::physicalId).orElseThrow(() -> new AssertionError("not deployed: " + logicalId));
  }

  /**
   * The resources of every statement allowing {@code action} or a wildcard covering it; an action ending in
   * {@code :} stands for any action of that service.
   */
  private static Set<String> resourcesOf(List<PolicyStatement> statements, String action) {
    Set<String> resources = new HashSet<>();
    String service = action.substring(0, action.indexOf(':') + 1);
    statements.stream().filter(s -> s.actions().stream().anyMatch(a -> a.equals(action) || a.equals(service + "*")
        || (action.endsWith(":") && a.startsWith(service)))).forEach(s -> resources.addAll(s.resources()));
    return resources;
  }

  private boolean gap(Gap gap) {
    return deployed().backend().gaps().contains(gap);
  }
}
