package dev.runnel.infra.stack;

import dev.runnel.infra.stack.KafkaCluster.KafkaAuth;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage of a job with Kafka topics needs of its cluster: the stack parameters locating the cluster, the
 * statements of the function's role (the event source mapping reads with the function's role, so reading is granted
 * there too), whether the function itself joins the cluster's VPC, and the variables telling the runtime how to connect.
 * Least privilege: only the topics and the consumer group the stage uses (MSK with IAM) or only the cluster's secret
 * (self-managed); only the EC2 describe calls, which have no resource scope, are granted on every resource.
 */
public final class KafkaAccess {
  /** The MSK cluster's ARN. */
  public static final String CLUSTER_ARN = "KafkaClusterArn";
  /** The bootstrap servers the functions' producers connect to (MSK: the IAM listener, port 9098). */
  public static final String BOOTSTRAP_SERVERS = "KafkaBootstrapServers";
  /** The Secrets Manager secret of a self-managed cluster's credentials. */
  public static final String SECRET_ARN = "KafkaSecretArn";
  /** The subnets the functions talking to the cluster (and a self-managed cluster's mappings) are placed in. */
  public static final String SUBNET_IDS = "KafkaSubnetIds";
  /** The security groups of those functions and mappings; they must reach the brokers. */
  public static final String SECURITY_GROUP_IDS = "KafkaSecurityGroupIds";
  /** The environment variable of the bootstrap servers ({@code KafkaOutput.BOOTSTRAP_SERVERS} in functions). */
  public static final String BOOTSTRAP_VARIABLE = "RUNNEL_KAFKA_BOOTSTRAP_SERVERS";
  /** The environment variable naming the authentication ({@link KafkaAuth#externalName()}). */
  public static final String AUTH_VARIABLE = "RUNNEL_KAFKA_AUTH";
  /** The environment variable naming the credentials' secret (self-managed clusters). */
  public static final String SECRET_VARIABLE = "RUNNEL_KAFKA_SECRET_ARN";
  /** The EC2 calls Lambda makes with the role to place network interfaces in the cluster's VPC. */
  static final List<String> DESCRIBE_NETWORK = List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets", "ec2:DescribeVpcs");
  static final List<String> MANAGE_NETWORK_INTERFACES = List.of("ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses");
  /** The only statement granted on every resource: EC2's describe calls have no resource-level permissions. */
  public static final String DESCRIBE_NETWORK_SID = "DescribeKafkaNetwork";

  private KafkaAccess() {}

  /** The parameters a job on {@code cluster} takes. */
  public static List<KafkaParameter> parameters(KafkaCluster cluster) {
    List<KafkaParameter> parameters = new ArrayList<>();
    if (cluster.auth().selfManaged()) {
      parameters.add(new KafkaParameter(BOOTSTRAP_SERVERS, "String", "^[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*$",
          "The self-managed Kafka cluster's bootstrap servers, host:port[,host:port...]"));
      parameters.add(new KafkaParameter(SECRET_ARN, "String", "^arn:aws[a-z-]*:secretsmanager:.+$",
          cluster.auth() == KafkaAuth.SASL_SCRAM_512
              ? "The Secrets Manager secret holding the SASL/SCRAM-SHA-512 username and password"
              : "The Secrets Manager secret holding the client certificate and private key (PEM) for mutual TLS"));
    } else {
      parameters.add(new KafkaParameter(CLUSTER_ARN, "String", "^arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:cluster/.+/.+$",
          "The Amazon MSK cluster's ARN (IAM access control on)"));
      parameters.add(new KafkaParameter(BOOTSTRAP_SERVERS, "String", "^[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*$",
          "The MSK cluster's IAM bootstrap brokers (aws kafka get-bootstrap-brokers: BootstrapBrokerStringSaslIam)"));
    }
    parameters.add(new KafkaParameter(SUBNET_IDS, "List<AWS::EC2::Subnet::Id>", null,
        "Subnets reaching the Kafka brokers, and DynamoDB, Kinesis and SQS through VPC endpoints or a NAT gateway; "
            + (cluster.auth().selfManaged() ? "the first " + cluster.subnets() + " are used" : "for the writers")));
    parameters.add(new KafkaParameter(SECURITY_GROUP_IDS, "List<AWS::EC2::SecurityGroup::Id>", null,
        "Security groups allowed to reach the Kafka brokers; the first one is used by self-managed mappings"));
    return parameters;
  }

  /** True when the function of {@code kind} running {@code stage} connects to the cluster itself (so joins its VPC). */
  static boolean connects(Plan plan, StageSpec stage, FunctionKind kind) {
    return !writtenTopics(plan, stage).isEmpty() || (kind == FunctionKind.TICK && readsTopic(plan, stage))
        || !upstreamTopics(plan, stage).isEmpty();
  }

  /** The statements of the function of {@code kind} running {@code stage} on {@code cluster}. */
  static List<PolicyStatement> statements(Plan plan, StageSpec stage, FunctionKind kind, KafkaCluster cluster) {
    List<PolicyStatement> statements = new ArrayList<>();
    boolean mapped = kind == FunctionKind.STAGE && readsTopic(plan, stage);
    boolean connects = connects(plan, stage, kind);
    if (!mapped && !connects) {
      return statements;
    }
    if (cluster.auth().selfManaged()) {
      statements.add(new PolicyStatement("ReadKafkaSecret", List.of("secretsmanager:GetSecretValue"),
          List.of(ArnRef.parameter(SECRET_ARN))));
    } else {
      statements.addAll(mskStatements(plan, stage, kind, mapped));
    }
    statements.add(new PolicyStatement(DESCRIBE_NETWORK_SID, DESCRIBE_NETWORK, List.of(ArnRef.pattern("*"))));
    statements.add(new PolicyStatement("ManageKafkaNetworkInterfaces", MANAGE_NETWORK_INTERFACES, List.of(
        ArnRef.pattern("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*"),
        ArnRef.pattern("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:subnet/*"),
        ArnRef.pattern("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*"))));
    return statements;
  }

  private static List<PolicyStatement> mskStatements(Plan plan, StageSpec stage, FunctionKind kind, boolean mapped) {
    List<PolicyStatement> statements = new ArrayList<>();
    ArnRef cluster = ArnRef.parameter(CLUSTER_ARN);
    List<String> onCluster = new ArrayList<>(List.of("kafka-cluster:Connect"));
    List<String> written = writtenTopics(plan, stage);
    if (mapped) {
      statements.add(new PolicyStatement("DescribeKafkaCluster",
          List.of("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"), List.of(cluster)));
      onCluster.add("kafka-cluster:DescribeClusterDynamicConfiguration");
      statements.add(new PolicyStatement("ReadInputTopic", List.of("kafka-cluster:DescribeTopic",
          "kafka-cluster:ReadData"), List.of(topic(stage.input().stream()))));
      statements.add(new PolicyStatement("CommitInputOffsets", List.of("kafka-cluster:AlterGroup",
          "kafka-cluster:DescribeGroup"), List.of(ArnRef.onKafkaCluster(CLUSTER_ARN, "group",
          consumerGroup(plan, stage)))));
    }
    if (!written.isEmpty()) {
      onCluster.add("kafka-cluster:WriteDataIdempotently");
      statements.add(new PolicyStatement("WriteOutputTopics", List.of("kafka-cluster:DescribeTopic",
          "kafka-cluster:WriteData"), written.stream().map(KafkaAccess::topic).toList()));
    }
    List<String> described = new ArrayList<>(upstreamTopics(plan, stage));
    if (kind == FunctionKind.TICK && readsTopic(plan, stage)) {
      described.add(0, stage.input().stream());
    }
    if (!described.isEmpty()) {
      statements.add(new PolicyStatement("ListTopicPartitions", List.of("kafka-cluster:DescribeTopic"),
          described.stream().distinct().map(KafkaAccess::topic).toList()));
    }
    statements.add(0, new PolicyStatement("ConnectToKafka", onCluster, List.of(cluster)));
    return statements;
  }

  /** The variables telling the runtime how to reach the cluster: servers, authentication, credentials' secret. */
  static Map<String, EnvValue> environment(KafkaCluster cluster) {
    Map<String, EnvValue> environment = new LinkedHashMap<>();
    environment.put(BOOTSTRAP_VARIABLE, new EnvValue.FromParameter(BOOTSTRAP_SERVERS));
    environment.put(AUTH_VARIABLE, EnvValue.literal(cluster.auth().externalName()));
    if (cluster.auth().selfManaged()) {
      environment.put(SECRET_VARIABLE, new EnvValue.FromParameter(SECRET_ARN));
    }
    return environment;
  }

  /** The consumer group of the stage's mapping: {@code <job>-<stage>}, unique per stage and job. */
  static String consumerGroup(Plan plan, StageSpec stage) {
    return stage.id().startsWith(plan.job() + "-") ? stage.id() : plan.job() + "-" + stage.id();
  }

  /** True when the stage's input is a Kafka topic. */
  static boolean readsTopic(Plan plan, StageSpec stage) {
    return plan.stream(stage.input().stream()).map(StreamSpec::kafka).orElse(false);
  }

  /** The topics the stage writes (sinks and repartition edges), in output order. */
  static List<String> writtenTopics(Plan plan, StageSpec stage) {
    return stage.outputs().stream()
        .filter(o -> o.kind() == OutputKind.REPARTITION || o.kind() == OutputKind.STREAM)
        .map(OutputSpec::target).distinct()
        .filter(t -> plan.stream(t).map(StreamSpec::kafka).orElse(false)).toList();
  }

  /** The Kafka input topics of the stages whose watermarks this stage follows, other than its own input. */
  static List<String> upstreamTopics(Plan plan, StageSpec stage) {
    if (stage.time() == null) {
      return List.of();
    }
    return stage.time().upstreamStages().stream().map(id -> plan.stage(id).orElseThrow())
        .map(s -> s.input().stream()).distinct()
        .filter(t -> !t.equals(stage.input().stream()) && plan.stream(t).map(StreamSpec::kafka).orElse(false))
        .toList();
  }

  private static ArnRef topic(String name) {
    return ArnRef.onKafkaCluster(CLUSTER_ARN, "topic", name);
  }
}
