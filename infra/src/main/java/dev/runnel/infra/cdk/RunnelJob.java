package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.EventSourceMapping;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.KafkaAccess;
import dev.runnel.infra.stack.KafkaMapping;
import dev.runnel.infra.stack.KafkaParameter;
import dev.runnel.infra.stack.KmsKeyParameter;
import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.infra.stack.StackParameter;
import dev.runnel.infra.stack.StreamResource;
import dev.runnel.infra.stack.TableResource;
import dev.runnel.infra.stack.TickSchedule;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One Runnel job's resources, built from its {@link StackModel} (the model the SAM writer renders, so both deploy the
 * same stack): streams, tables (the dead letters' under an optional customer-managed key parameter), the dead-letter
 * queue, per stage a function with SnapStart, an alias, a role of exactly the model's statements and a Kinesis event
 * source mapping, tick functions with their schedules, alarms (their thresholds stack parameters), the job's dashboard,
 * and the stack parameters of model keys. Every resource
 * keeps the model's logical id; streams, tables and parameters two jobs share are created once per stack.
 */
public class RunnelJob extends Construct {
  private final StackModel model;
  private final Map<String, CfnStream> streams = new LinkedHashMap<>();
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();
  private final Queue deadLetterQueue;

  /** Builds the job of {@code props} in {@code scope}. */
  public RunnelJob(Construct scope, String id, RunnelJobProps props) {
    super(scope, id);
    this.model = props.model();
    ArnResolver arns = new ArnResolver();
    KmsKeyParameter key = model.deadLetterKey();
    CfnParameter keyParameter = StackParameters.keyParameter(this, key);
    StackParameters.keySet(this, key, keyParameter);
    arns.put(key.logicalId(), keyParameter.getValueAsString());
    for (StreamResource stream : model.streams()) {
      CfnStream cfn = SharedResource.of(this, stream.logicalId(), stream, s -> DataResources.stream(s, stream));
      streams.put(stream.logicalId(), cfn);
      arns.put(stream.logicalId(), cfn.getAttrArn());
    }
    for (TableResource table : model.tables()) {
      Table built = SharedResource.of(this, table.logicalId(), table,
          s -> DataResources.table(s, table, props.tableRemovalPolicy()));
      tables.put(table.logicalId(), built);
      arns.put(table.logicalId(), built.getTableArn());
    }
    deadLetterQueue = DataResources.queue(this, model.deadLetterQueue());
    arns.put(model.deadLetterQueue().logicalId(), deadLetterQueue.getQueueArn());
    Map<String, String> parameters = new HashMap<>();
    for (StackParameter parameter : model.parameters()) {
      CfnParameter cfn = SharedResource.of(this, parameter.logicalId(), parameter,
          s -> StackParameters.parameter(s, parameter));
      parameters.put(parameter.logicalId(), cfn.getValueAsString());
    }
    Map<String, Object> kafkaParameters = new HashMap<>();
    for (KafkaParameter parameter : model.kafkaParameters()) {
      CfnParameter cfn = SharedResource.of(this, parameter.logicalId(), parameter,
          s -> KafkaTriggers.parameter(s, parameter));
      boolean list = parameter.type().startsWith("List<");
      kafkaParameters.put(parameter.logicalId(), list ? cfn.getValueAsList() : cfn.getValueAsString());
      if (!list) {
        parameters.put(parameter.logicalId(), cfn.getValueAsString());
        arns.put(parameter.logicalId(), cfn.getValueAsString());
      }
    }
    Map<String, Code> codes = new HashMap<>();
    for (FunctionResource function : model.functions()) {
      Code code = props.code() != null ? props.code()
          : codes.computeIfAbsent(function.codeUri(), FunctionCode::of);
      Role role = FunctionRoles.role(this, function, arns);
      Function built = StageFunctions.function(this, model.job(), function, code, role, parameters);
      if (function.inKafkaVpc()) {
        ((CfnResource) built.getNode().getDefaultChild()).addPropertyOverride("VpcConfig", Map.of(
            "SubnetIds", Map.of("Ref", KafkaAccess.SUBNET_IDS),
            "SecurityGroupIds", Map.of("Ref", KafkaAccess.SECURITY_GROUP_IDS)));
      }
      functions.put(function.logicalId(), built);
      aliases.put(function.logicalId(), StageFunctions.alias(this, function, built));
      JobNagSuppressions.function(role, built);
      if (function.policies().stream().anyMatch(p -> p.sid().equals(KafkaAccess.DESCRIBE_NETWORK_SID))) {
        JobNagSuppressions.kafkaNetwork(role);
      }
    }
    for (EventSourceMapping mapping : model.mappings()) {
      Triggers.mapping(this, mapping, aliases.get(mapping.functionLogicalId()),
          streams.get(mapping.streamLogicalId()).getAttrArn(), deadLetterQueue.getQueueArn());
    }
    if (model.kafka() != null) {
      for (KafkaMapping mapping : model.kafka().mappings()) {
        KafkaTriggers.mapping(this, mapping, model.kafka().cluster(), aliases.get(mapping.functionLogicalId()),
            kafkaParameters, deadLetterQueue.getQueueArn());
      }
      CfnOutput topics = CfnOutput.Builder.create(this, LogicalIds.pascal(model.job()) + "KafkaTopics")
          .description("Topics (name:partitions) to create on the Kafka cluster before deploying job " + model.job()
              + "; CloudFormation has no resource for a Kafka topic")
          .value(model.kafka().topicList())
          .build();
      topics.overrideLogicalId(LogicalIds.pascal(model.job()) + "KafkaTopics");
    }
    for (TickSchedule schedule : model.schedules()) {
      Triggers.tick(this, schedule, aliases.get(schedule.functionLogicalId()));
    }
    Map<String, Number> alarmParameters = new HashMap<>();
    for (AlarmParameter parameter : model.alarmParameters()) {
      CfnParameter cfn = SharedResource.of(this, parameter.logicalId(), parameter,
          s -> JobAlarms.parameter(s, parameter));
      alarmParameters.put(parameter.logicalId(), cfn.getValueAsNumber());
    }
    for (AlarmResource alarm : model.alarms()) {
      SharedResource.of(this, alarm.logicalId(), alarm,
          s -> JobAlarms.alarm(s, alarm, props.alarmActions(), alarmParameters));
    }
    JobAlarms.dashboard(this, model.dashboard());
    JobNagSuppressions.deadLetterQueue(deadLetterQueue);
  }

  /** The model this job was built from. */
  public StackModel model() {
    return model;
  }

  /** The stream named {@code name} in the plan. */
  public Optional<CfnStream> stream(String name) {
    return model.streams().stream().filter(s -> s.name().equals(name)).findFirst()
        .map(s -> streams.get(s.logicalId()));
  }

  /** The table named {@code name} in the plan. */
  public Optional<ITable> table(String name) {
    return model.tables().stream().filter(t -> t.name().equals(name)).findFirst()
        .map(t -> tables.get(t.logicalId()));
  }

  /** The functions by logical id, in model order. */
  public Map<String, Function> functions() {
    return Collections.unmodifiableMap(functions);
  }

  /** The queue every mapping reports batches it gave up to. */
  public IQueue deadLetterQueue() {
    return deadLetterQueue;
  }
}
