package dev.runnel.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.infra.stack.KafkaCluster.KafkaAuth;
import dev.runnel.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stack of a job with Kafka topics: no Kinesis stream for a topic, a provisioned Kafka mapping per stage reading a
 * topic, least-privilege access to exactly its topics and consumer group, the writers (and only they) in the
 * cluster's VPC with the variables telling the runtime how to connect, and the cluster located by parameters.
 */
class KafkaStackTest {
  private static final DeploymentSettings MSK = DeploymentSettings.DEFAULT;
  private static final DeploymentSettings SCRAM =
      DeploymentSettings.DEFAULT.withKafka(new KafkaCluster(KafkaAuth.SASL_SCRAM_512, 3));

  @Test
  void topicsAreNotKinesisStreamsAndEachTopicReadingStageGetsAProvisionedKafkaMapping() {
    Plan plan = KafkaJobs.kafkaTotals();
    StackModel stack = StackModel.of(plan, MSK);

    assertThat(stack.streams()).isEmpty();
    assertThat(stack.mappings()).isEmpty();
    assertThat(stack.kafka().topics()).containsExactly(new KafkaDeployment.KafkaTopic("payments", 3),
        new KafkaDeployment.KafkaTopic("kafka-totals-byUser", 4), new KafkaDeployment.KafkaTopic("totals", 2));
    assertThat(stack.kafka().topicList()).isEqualTo("payments:3,kafka-totals-byUser:4,totals:2");
    assertThat(stack.kafka().mappings()).extracting(KafkaMapping::topic, KafkaMapping::consumerGroupId,
            KafkaMapping::maximumPollers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payments", "kafka-totals-1", 3),
            org.assertj.core.groups.Tuple.tuple("kafka-totals-byUser", "kafka-totals-2", 4));
    for (KafkaMapping mapping : stack.kafka().mappings()) {
      // exactly once: never give up, so no destination (Lambda would cap infinite retries at 10 with one)
      assertThat(mapping.maximumRetryAttempts()).isEqualTo(-1);
      assertThat(mapping.onFailureQueueLogicalId()).isNull();
      assertThat(mapping.minimumPollers()).isEqualTo(1);
      assertThat(mapping.startingPosition()).isEqualTo("TRIM_HORIZON");
      assertThat(mapping.functionResponseTypes()).containsExactly("ReportBatchItemFailures");
    }
  }

  @Test
  void onMskEachFunctionMayReadItsTopicCommitItsGroupAndWriteItsTopicsNothingElse() {
    StackModel stack = StackModel.of(KafkaJobs.kafkaTotals(), MSK);
    Map<String, PolicyStatement> first = statements(stack, "KafkaTotals1Function");
    assertThat(first.get("ReadInputTopic").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "topic", "payments"));
    assertThat(first.get("CommitInputOffsets").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "group", "kafka-totals-1"));
    assertThat(first.get("WriteOutputTopics").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "topic", "kafka-totals-byUser"));
    assertThat(first.get("WriteOutputTopics").actions())
        .containsExactly("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData");
    assertThat(first.get("ConnectToKafka").actions()).containsExactly("kafka-cluster:Connect",
        "kafka-cluster:DescribeClusterDynamicConfiguration", "kafka-cluster:WriteDataIdempotently");
    assertThat(first.get("ConnectToKafka").resources()).containsExactly(ArnRef.parameter("KafkaClusterArn"));
    assertThat(first).doesNotContainKeys("ReadInputStream", "WriteOutputStreams", "ReadKafkaSecret");

    Map<String, PolicyStatement> second = statements(stack, "KafkaTotals2Function");
    assertThat(second.get("ReadInputTopic").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "topic", "kafka-totals-byUser"));
    assertThat(second.get("WriteOutputTopics").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "topic", "totals"));
    // only EC2's describe calls are granted on every resource: they have no resource-level permissions
    for (FunctionResource function : stack.functions()) {
      for (PolicyStatement statement : function.policies()) {
        if (statement.resources().contains(ArnRef.pattern("*"))) {
          assertThat(statement.sid()).isEqualTo(KafkaAccess.DESCRIBE_NETWORK_SID);
          assertThat(statement.actions()).allMatch(a -> a.startsWith("ec2:Describe"));
        }
      }
    }
  }

  @Test
  void writersJoinTheClusterVpcAndLearnHowToConnectReadersOnlyThroughTheirMapping() {
    StackModel stack = StackModel.of(KafkaJobs.mixedClicks(), MSK);
    assertThat(stack.streams()).extracting(StreamResource::name).containsExactly("clicks-in", "mixed-clicks-clicks-in",
        "clicks-copy");
    assertThat(stack.kafka().mappings()).isEmpty();
    assertThat(stack.mappings()).hasSize(2);
    FunctionResource reader = stack.function("MixedClicks1Function").orElseThrow();
    FunctionResource writer = stack.function("MixedClicks2Function").orElseThrow();
    assertThat(reader.inKafkaVpc()).isFalse();
    assertThat(reader.environment()).doesNotContainKey(KafkaAccess.BOOTSTRAP_VARIABLE);
    assertThat(reader.policies()).noneMatch(s -> s.actions().stream().anyMatch(a -> a.startsWith("kafka")));
    assertThat(writer.inKafkaVpc()).isTrue();
    assertThat(writer.environment()).containsEntry(KafkaAccess.BOOTSTRAP_VARIABLE,
            new EnvValue.FromParameter(KafkaAccess.BOOTSTRAP_SERVERS))
        .containsEntry(KafkaAccess.AUTH_VARIABLE, EnvValue.literal("msk-iam"));
    Map<String, PolicyStatement> statements = statements(stack, "MixedClicks2Function");
    assertThat(statements.get("WriteOutputStreams").resources()).containsExactly(ArnRef.of("ClicksCopyStream"));
    assertThat(statements.get("WriteOutputTopics").resources())
        .containsExactly(ArnRef.onKafkaCluster("KafkaClusterArn", "topic", "clicks-out"));
    assertThat(statements).doesNotContainKeys("ReadInputTopic", "CommitInputOffsets", "DescribeKafkaCluster");
  }

  @Test
  void aSelfManagedClusterIsLocatedByServersAndASecretWhichIsAllItsFunctionsMayRead() {
    StackModel stack = StackModel.of(KafkaJobs.kafkaTotals(), SCRAM);
    assertThat(stack.kafkaParameters()).extracting(KafkaParameter::logicalId).containsExactly(
        "KafkaBootstrapServers", "KafkaSecretArn", "KafkaSubnetIds", "KafkaSecurityGroupIds");
    for (FunctionResource function : stack.functions()) {
      Map<String, PolicyStatement> statements = statements(stack, function.logicalId());
      assertThat(statements.get("ReadKafkaSecret").resources()).containsExactly(ArnRef.parameter("KafkaSecretArn"));
      assertThat(statements.keySet()).noneMatch(sid -> sid.contains("Topic") || sid.equals("ConnectToKafka"));
      assertThat(function.environment()).containsEntry(KafkaAccess.AUTH_VARIABLE, EnvValue.literal("scram-512"))
          .containsEntry(KafkaAccess.SECRET_VARIABLE, new EnvValue.FromParameter(KafkaAccess.SECRET_ARN));
    }
    assertThat(StackModel.of(KafkaJobs.kafkaTotals(), MSK).kafkaParameters()).extracting(KafkaParameter::logicalId)
        .containsExactly("KafkaClusterArn", "KafkaBootstrapServers", "KafkaSubnetIds", "KafkaSecurityGroupIds");
  }

  @Test
  void aKafkaInputStageIsWatchedByItsOffsetLagNotAnIteratorAge() {
    StackModel stack = StackModel.of(KafkaJobs.kafkaTotals(), MSK);
    List<String> alarms = stack.alarms().stream().map(AlarmResource::logicalId).toList();
    assertThat(alarms).contains("KafkaTotals1FunctionOffsetLagAlarm", "KafkaTotals2FunctionOffsetLagAlarm")
        .noneMatch(id -> id.contains("IteratorAge"));
    assertThat(stack.dashboard().body()).contains("OffsetLag").doesNotContain("IteratorAge");
  }

  private static Map<String, PolicyStatement> statements(StackModel stack, String functionLogicalId) {
    return stack.function(functionLogicalId).orElseThrow().policies().stream()
        .collect(Collectors.toMap(PolicyStatement::sid, Function.identity()));
  }
}
