package dev.runnel.infra.sam;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.AlarmMetric;
import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.AlarmValue;
import dev.runnel.infra.stack.DashboardResource;
import dev.runnel.infra.stack.EnvValue;
import dev.runnel.infra.stack.EventSourceMapping;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.KafkaAccess;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.infra.stack.KafkaMapping;
import dev.runnel.infra.stack.KafkaParameter;
import dev.runnel.infra.stack.KmsKeyParameter;
import dev.runnel.infra.stack.PolicyStatement;
import dev.runnel.infra.stack.QueueResource;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.infra.stack.StreamResource;
import dev.runnel.infra.stack.TableResource;
import dev.runnel.infra.stack.TickSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SAM (CloudFormation) form of each resource of a stack model, properties in a fixed order. */
final class SamResources {
  /** The optional SNS topic alarms notify. */
  static final String ALARM_TOPIC = "AlarmTopicArn";
  /** True when {@link #ALARM_TOPIC} is set. */
  static final String HAS_ALARM_TOPIC = "HasAlarmTopic";

  private SamResources() {}

  static Map<String, Object> stream(StreamResource stream) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("Name", stream.name());
    properties.put("ShardCount", stream.shards());
    properties.put("RetentionPeriodHours", stream.retentionHours());
    properties.put("StreamModeDetails", Map.of("StreamMode", "PROVISIONED"));
    properties.put("StreamEncryption", ordered("EncryptionType", "KMS", "KeyId", stream.kmsKeyId()));
    return resource("AWS::Kinesis::Stream", properties);
  }

  static Map<String, Object> table(TableResource table) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("TableName", table.name());
    properties.put("BillingMode", TableResource.BILLING_MODE);
    List<Object> attributes = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    attributes.add(ordered("AttributeName", table.partitionKey(), "AttributeType", "S"));
    keys.add(ordered("AttributeName", table.partitionKey(), "KeyType", "HASH"));
    table.sortKeyAttribute().ifPresent(sort -> {
      attributes.add(ordered("AttributeName", sort, "AttributeType", "S"));
      keys.add(ordered("AttributeName", sort, "KeyType", "RANGE"));
    });
    properties.put("AttributeDefinitions", attributes);
    properties.put("KeySchema", keys);
    properties.put("PointInTimeRecoverySpecification",
        Map.of("PointInTimeRecoveryEnabled", table.pointInTimeRecovery()));
    table.ttl().ifPresent(ttl -> properties.put("TimeToLiveSpecification",
        ordered("AttributeName", ttl, "Enabled", true)));
    table.key().ifPresent(key -> properties.put("SSESpecification", Intrinsics.onlyIf(key.condition(),
        ordered("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", Intrinsics.ref(key.logicalId())))));
    return resource("AWS::DynamoDB::Table", properties);
  }

  static Map<String, Object> queue(QueueResource queue) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("QueueName", queue.name());
    properties.put("MessageRetentionPeriod", queue.retentionSeconds());
    properties.put("SqsManagedSseEnabled", true);
    return resource("AWS::SQS::Queue", properties);
  }

  static Map<String, Object> function(StackModel stack, FunctionResource function) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("FunctionName", function.functionName());
    properties.put("Description", "Runnel job " + stack.job() + ", stage " + function.stageId()
        + (function.kind() == dev.runnel.infra.stack.FunctionKind.TICK ? " (tick)" : ""));
    properties.put("CodeUri", function.codeUri());
    properties.put("Handler", function.handler());
    properties.put("Runtime", function.runtime());
    properties.put("MemorySize", function.memoryMb());
    properties.put("Timeout", function.timeoutSeconds());
    properties.put("AutoPublishAlias", function.alias());
    properties.put("SnapStart", Map.of("ApplyOn", FunctionResource.SNAP_START));
    Map<String, Object> variables = new LinkedHashMap<>();
    function.environment().forEach((name, value) -> variables.put(name, value instanceof EnvValue.Literal literal
        ? literal.value() : Intrinsics.ref(((EnvValue.FromParameter) value).parameterLogicalId())));
    properties.put("Environment", Map.of("Variables", variables));
    if (function.inKafkaVpc()) {
      properties.put("VpcConfig", ordered("SubnetIds", Intrinsics.ref(KafkaAccess.SUBNET_IDS),
          "SecurityGroupIds", Intrinsics.ref(KafkaAccess.SECURITY_GROUP_IDS)));
    }
    properties.put("Policies", List.of(ordered("Version", "2012-10-17", "Statement",
        function.policies().stream().map(SamResources::statement).toList())));
    Map<String, Object> events = new LinkedHashMap<>();
    stack.schedule(function.logicalId()).ifPresent(s -> events.put("Tick", scheduleEvent(s)));
    if (!events.isEmpty()) {
      properties.put("Events", events);
    }
    return resource("AWS::Serverless::Function", properties);
  }

  static Map<String, Object> alarm(AlarmResource alarm) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("AlarmDescription", alarm.description());
    if (alarm.sums()) {
      properties.put("Metrics", sumOf(alarm));
    } else {
      AlarmMetric metric = alarm.metric();
      properties.put("Namespace", metric.namespace());
      properties.put("MetricName", metric.metric());
      properties.put("Dimensions", dimensions(metric));
      properties.put("Statistic", alarm.statistic());
      properties.put("Period", alarm.periodSeconds());
    }
    properties.put("EvaluationPeriods", value(alarm.evaluationPeriods()));
    properties.put("Threshold", value(alarm.threshold()));
    properties.put("ComparisonOperator", alarm.comparison());
    properties.put("TreatMissingData", alarm.treatMissingData());
    properties.put("AlarmActions", Map.of("Fn::If", List.of(HAS_ALARM_TOPIC,
        List.of(Intrinsics.ref(ALARM_TOPIC)), Intrinsics.ref("AWS::NoValue"))));
    return resource("AWS::CloudWatch::Alarm", properties);
  }

  /**
   * The metric math of an alarm on a sum: each metric ({@code m0}, {@code m1}, …) with missing minutes as 0, added
   * ({@code total}, the one series the alarm compares).
   */
  private static List<Object> sumOf(AlarmResource alarm) {
    List<Object> queries = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < alarm.metrics().size(); i++) {
      terms.add("FILL(m" + i + ",0)");
    }
    queries.add(ordered("Id", "total", "Expression", String.join("+", terms), "Label", "sum", "ReturnData", true));
    for (int i = 0; i < alarm.metrics().size(); i++) {
      AlarmMetric metric = alarm.metrics().get(i);
      queries.add(ordered("Id", "m" + i, "MetricStat", ordered("Metric", ordered("Namespace", metric.namespace(),
          "MetricName", metric.metric(), "Dimensions", dimensions(metric)), "Period", alarm.periodSeconds(),
          "Stat", alarm.statistic()), "ReturnData", false));
    }
    return queries;
  }

  private static List<Object> dimensions(AlarmMetric metric) {
    List<Object> dimensions = new ArrayList<>();
    metric.dimensions().forEach((name, value) -> dimensions.add(ordered("Name", name, "Value", value)));
    return dimensions;
  }

  /** A fixed number (a whole one as a long), or a parameter's {@code Ref}. */
  private static Object value(AlarmValue value) {
    if (value instanceof AlarmValue.FromParameter parameter) {
      return Intrinsics.ref(parameter.parameter().logicalId());
    }
    double fixed = ((AlarmValue.Fixed) value).value();
    return fixed == Math.rint(fixed) ? (Object) (long) fixed : fixed;
  }

  /** The stack parameter of an alarm's number: a number at least its minimum, with its default. */
  static Map<String, Object> alarmParameter(AlarmParameter parameter) {
    return ordered("Type", "Number", "Default", parameter.defaultValue(), "MinValue", parameter.minValue(),
        "Description", parameter.description());
  }

  /** The job's dashboard; its body's region placeholder is substituted ({@code Fn::Sub}). */
  static Map<String, Object> dashboard(DashboardResource dashboard) {
    return resource("AWS::CloudWatch::Dashboard", ordered("DashboardName", dashboard.name(),
        "DashboardBody", Map.of("Fn::Sub", dashboard.body())));
  }

  /** The logical id of a function's event source mapping: {@code <function>Input}. */
  static String mappingLogicalId(EventSourceMapping mapping) {
    return LogicalIds.mapping(mapping.functionLogicalId());
  }

  /**
   * A function's event source mapping as a resource of its own, not a SAM {@code Kinesis} event: with an event, SAM
   * attaches the managed policy AWSLambdaKinesisExecutionRole, which reads every stream of the account, while the
   * function's own statements already grant reading its input stream alone. It invokes the function's alias (the
   * SnapStart version) and waits for the function's role, which must be able to read the stream first.
   */
  static Map<String, Object> mapping(EventSourceMapping mapping) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("FunctionName", Intrinsics.ref(mapping.functionLogicalId() + ".Alias"));
    properties.put("EventSourceArn", Intrinsics.getAtt(mapping.streamLogicalId(), "Arn"));
    properties.put("StartingPosition", mapping.startingPosition());
    properties.put("BatchSize", mapping.batchSize());
    properties.put("MaximumBatchingWindowInSeconds", mapping.batchingWindowSeconds());
    properties.put("BisectBatchOnFunctionError", mapping.bisectOnError());
    properties.put("MaximumRetryAttempts", mapping.maximumRetryAttempts());
    properties.put("MaximumRecordAgeInSeconds", mapping.maximumRecordAgeSeconds());
    properties.put("ParallelizationFactor", mapping.parallelizationFactor());
    properties.put("FunctionResponseTypes", mapping.functionResponseTypes());
    properties.put("DestinationConfig", Map.of("OnFailure",
        Map.of("Destination", Intrinsics.getAtt(mapping.onFailureQueueLogicalId(), "Arn"))));
    Map<String, Object> resource = resource("AWS::Lambda::EventSourceMapping", properties);
    resource.put("DependsOn", List.of(LogicalIds.role(mapping.functionLogicalId())));
    return resource;
  }

  /**
   * A stage's Kafka event source mapping, in provisioned mode. On MSK it names the cluster and a consumer group and
   * authenticates with the function's role; on a self-managed cluster it names the bootstrap servers, the secret of
   * its credentials and the subnets and security group its pollers connect from.
   */
  static Map<String, Object> kafkaMapping(KafkaMapping mapping, KafkaCluster cluster) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("FunctionName", Intrinsics.ref(mapping.functionLogicalId() + ".Alias"));
    if (cluster.auth().selfManaged()) {
      properties.put("SelfManagedEventSource", Map.of("Endpoints", Map.of("KafkaBootstrapServers",
          Map.of("Fn::Split", List.of(",", Intrinsics.ref(KafkaAccess.BOOTSTRAP_SERVERS))))));
      properties.put("SelfManagedKafkaEventSourceConfig", Map.of("ConsumerGroupId", mapping.consumerGroupId()));
      List<Object> access = new ArrayList<>();
      access.add(ordered("Type", cluster.auth().accessType(), "URI", Intrinsics.ref(KafkaAccess.SECRET_ARN)));
      for (int i = 0; i < cluster.subnets(); i++) {
        access.add(ordered("Type", "VPC_SUBNET", "URI", Map.of("Fn::Sub", List.of("subnet:${Subnet}",
            Map.of("Subnet", Map.of("Fn::Select", List.of(i, Intrinsics.ref(KafkaAccess.SUBNET_IDS))))))));
      }
      access.add(ordered("Type", "VPC_SECURITY_GROUP", "URI", Map.of("Fn::Sub", List.of("security_group:${Group}",
          Map.of("Group", Map.of("Fn::Select", List.of(0, Intrinsics.ref(KafkaAccess.SECURITY_GROUP_IDS))))))));
      properties.put("SourceAccessConfigurations", access);
    } else {
      properties.put("EventSourceArn", Intrinsics.ref(KafkaAccess.CLUSTER_ARN));
      properties.put("AmazonManagedKafkaEventSourceConfig", Map.of("ConsumerGroupId", mapping.consumerGroupId()));
    }
    properties.put("Topics", List.of(mapping.topic()));
    properties.put("StartingPosition", mapping.startingPosition());
    properties.put("BatchSize", mapping.batchSize());
    properties.put("MaximumBatchingWindowInSeconds", mapping.batchingWindowSeconds());
    properties.put("ProvisionedPollerConfig", ordered("MinimumPollers", mapping.minimumPollers(),
        "MaximumPollers", mapping.maximumPollers()));
    properties.put("BisectBatchOnFunctionError", mapping.bisectOnError());
    properties.put("MaximumRetryAttempts", mapping.maximumRetryAttempts());
    properties.put("FunctionResponseTypes", mapping.functionResponseTypes());
    if (mapping.onFailureQueueLogicalId() != null) {
      properties.put("DestinationConfig", Map.of("OnFailure",
          Map.of("Destination", Intrinsics.getAtt(mapping.onFailureQueueLogicalId(), "Arn"))));
    }
    Map<String, Object> resource = resource("AWS::Lambda::EventSourceMapping", properties);
    resource.put("DependsOn", List.of(LogicalIds.role(mapping.functionLogicalId())));
    return resource;
  }

  /** A parameter locating the Kafka cluster. */
  static Map<String, Object> kafkaParameter(KafkaParameter parameter) {
    Map<String, Object> rendered = ordered("Type", parameter.type());
    if (parameter.allowedPattern() != null) {
      rendered.put("AllowedPattern", parameter.allowedPattern());
    }
    rendered.put("Description", parameter.description());
    return rendered;
  }

  private static Map<String, Object> scheduleEvent(TickSchedule schedule) {
    return ordered("Type", "Schedule", "Properties", ordered("Schedule", schedule.expression(),
        "Description", "Ticks " + schedule.functionLogicalId() + " so windows and timers fire on a quiet stream"));
  }

  /** A statement of a function's policy; one that exists under a condition is {@code Fn::If} it, else nothing. */
  private static Map<String, Object> statement(PolicyStatement statement) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("Sid", statement.sid());
    rendered.put("Effect", "Allow");
    rendered.put("Action", statement.actions());
    rendered.put("Resource", statement.resources().stream().map(Intrinsics::arn).toList());
    return statement.condition() == null ? rendered : Intrinsics.onlyIf(statement.condition(), rendered);
  }

  /** The stack parameter of an optional customer-managed key: a key ARN or empty. */
  static Map<String, Object> keyParameter(KmsKeyParameter key) {
    return ordered("Type", "String", "Default", "", "AllowedPattern", KmsKeyParameter.ALLOWED_PATTERN,
        "ConstraintDescription", KmsKeyParameter.CONSTRAINT, "Description", key.description());
  }

  /** The condition that holds when {@code parameter} is not empty. */
  static Map<String, Object> isSet(String parameter) {
    return Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Intrinsics.ref(parameter), ""))));
  }

  private static Map<String, Object> resource(String type, Map<String, Object> properties) {
    return ordered("Type", type, "Properties", properties);
  }

  /** A map of the given keys and values, in that order. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
