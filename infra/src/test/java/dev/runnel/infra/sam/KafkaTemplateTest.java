package dev.runnel.infra.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.infra.stack.KafkaCluster.KafkaAuth;
import dev.runnel.infra.stack.KafkaJobs;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM templates of jobs with Kafka topics, for each way to reach a cluster: they pass {@code cfn-lint}, and the
 * event source mappings CloudFormation would receive (read back from aws-sam-translator's output, since moto cannot
 * create a Kafka event source mapping: it refuses any source but SQS, DynamoDB streams and Kinesis) carry the settings
 * the model chose.
 */
class KafkaTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<KafkaCluster> CLUSTERS = List.of(KafkaCluster.MSK_IAM,
      new KafkaCluster(KafkaAuth.SASL_SCRAM_512, 2), new KafkaCluster(KafkaAuth.MTLS, 3));

  @Test
  void kafkaTemplatesPassCfnLint(@TempDir Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
    for (KafkaCluster cluster : CLUSTERS) {
      for (Plan plan : List.of(KafkaJobs.kafkaTotals(), KafkaJobs.mixedClicks())) {
        Path file = dir.resolve(plan.job() + "-" + cluster.auth().externalName() + ".yaml");
        Files.writeString(file, template(List.of(plan), cluster).yaml());
        command.add(file.toString());
      }
    }
    Process process = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
    assertThat(process.exitValue() & (2 | 4)).as("cfn-lint errors or warnings:\n" + output).isZero();
  }

  @Test
  void anMskMappingReadsItsTopicInProvisionedModeWithItsGroupAndNeverGivesUp(@TempDir Path dir) throws Exception {
    JsonNode resources = translated(dir, KafkaJobs.kafkaTotals(), KafkaCluster.MSK_IAM).get("Resources");
    JsonNode mapping = resources.get("KafkaTotals1FunctionInput").get("Properties");
    assertThat(mapping.get("EventSourceArn")).isEqualTo(JSON.valueToTree(Map.of("Ref", "KafkaClusterArn")));
    assertThat(mapping.get("Topics")).isEqualTo(JSON.valueToTree(List.of("payments")));
    assertThat(mapping.at("/AmazonManagedKafkaEventSourceConfig/ConsumerGroupId").asText()).isEqualTo("kafka-totals-1");
    assertThat(mapping.at("/ProvisionedPollerConfig/MinimumPollers").asInt()).isEqualTo(1);
    assertThat(mapping.at("/ProvisionedPollerConfig/MaximumPollers").asInt()).isEqualTo(3);
    assertThat(mapping.get("StartingPosition").asText()).isEqualTo("TRIM_HORIZON");
    assertThat(mapping.get("MaximumRetryAttempts").asInt()).isEqualTo(-1);
    assertThat(mapping.has("DestinationConfig")).as("no destination: Lambda caps infinite retries at 10 with one")
        .isFalse();
    assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(JSON.valueToTree(List.of("ReportBatchItemFailures")));
    // the mapping invokes the SnapStart alias SAM made, after the role that lets it read exists
    assertThat(resources.get("KafkaTotals1FunctionAliaslive")).isNotNull();
    assertThat(mapping.get("FunctionName")).isEqualTo(JSON.valueToTree(Map.of("Ref", "KafkaTotals1FunctionAliaslive")));
    // a writer runs in the cluster's subnets
    JsonNode function = resources.get("KafkaTotals1Function").get("Properties");
    assertThat(function.at("/VpcConfig/SubnetIds")).isEqualTo(JSON.valueToTree(Map.of("Ref", "KafkaSubnetIds")));
    assertThat(function.at("/Environment/Variables/RUNNEL_KAFKA_AUTH").asText()).isEqualTo("msk-iam");
  }

  @Test
  void aSelfManagedMappingNamesTheServersTheSecretAndItsSubnets(@TempDir Path dir) throws Exception {
    JsonNode translated = translated(dir, KafkaJobs.kafkaTotals(), new KafkaCluster(KafkaAuth.SASL_SCRAM_512, 2));
    JsonNode mapping = translated.at("/Resources/KafkaTotals2FunctionInput/Properties");
    assertThat(mapping.has("EventSourceArn")).isFalse();
    assertThat(mapping.at("/SelfManagedEventSource/Endpoints/KafkaBootstrapServers"))
        .isEqualTo(JSON.valueToTree(Map.of("Fn::Split", List.of(",", Map.of("Ref", "KafkaBootstrapServers")))));
    assertThat(mapping.at("/SelfManagedKafkaEventSourceConfig/ConsumerGroupId").asText()).isEqualTo("kafka-totals-2");
    List<String> types = new ArrayList<>();
    mapping.get("SourceAccessConfigurations").forEach(access -> types.add(access.get("Type").asText()));
    assertThat(types).containsExactly("SASL_SCRAM_512_AUTH", "VPC_SUBNET", "VPC_SUBNET", "VPC_SECURITY_GROUP");
    assertThat(mapping.at("/SourceAccessConfigurations/0/URI"))
        .isEqualTo(JSON.valueToTree(Map.of("Ref", "KafkaSecretArn")));
    assertThat(translated.at("/Parameters/KafkaSecretArn/Type").asText()).isEqualTo("String");
    assertThat(translated.at("/Outputs/KafkaTotalsKafkaTopics/Value").asText())
        .isEqualTo("payments:3,kafka-totals-byUser:4,totals:2");
  }

  private static SamTemplate template(List<Plan> plans, KafkaCluster cluster) {
    return SamTemplate.of(plans, DeploymentSettings.DEFAULT.withKafka(cluster));
  }

  /** The template of {@code plan} after the SAM transform, as CloudFormation would receive it. */
  private static JsonNode translated(Path dir, Plan plan, KafkaCluster cluster) throws Exception {
    Map<String, Object> tree = template(List.of(plan), cluster).tree();
    Path input = dir.resolve("in.json");
    // the transform needs the packaged code's S3 location, which `sam package` would write
    Files.writeString(input, JSON.writeValueAsString(tree).replace(DeploymentSettings.EXAMPLES_CODE_URI,
        "s3://runnel-artifacts/runnel-examples-lambda.jar"));
    Path output = dir.resolve("out.json");
    String script = String.join("\n",
        "import json, sys",
        "from samtranslator.translator.transform import transform",
        "class NoManagedPolicies:",
        "    def load(self): return {}",
        "template = json.load(open(sys.argv[1]))",
        "json.dump(transform(template, {}, NoManagedPolicies()), open(sys.argv[2], 'w'))");
    ProcessBuilder builder = new ProcessBuilder("python3", "-c", script, input.toString(), output.toString())
        .redirectErrorStream(true);
    builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("aws-sam-translator (preinstalled with cfn-lint):\n" + log).isZero();
    return JSON.readTree(output.toFile());
  }
}
