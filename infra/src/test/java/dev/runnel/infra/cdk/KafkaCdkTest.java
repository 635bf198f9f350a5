package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.infra.cdk.CdkStacks.Synthesized;
import dev.runnel.infra.sam.SamTemplate;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.infra.stack.KafkaCluster.KafkaAuth;
import dev.runnel.infra.stack.KafkaMapping;
import dev.runnel.infra.stack.KafkaParameter;
import dev.runnel.infra.stack.StackModel;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The CDK stack of jobs with Kafka topics, for each way to reach a cluster: the same Kafka mappings, parameters,
 * writer VPC placement, policies and topics output as the SAM template, and cdk-nag clean with a written reason for
 * each suppression.
 */
class KafkaCdkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<JsonNode> BY_VALUE = (a, b) ->
      a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

  static Stream<KafkaCluster> clusters() {
    return Stream.of(KafkaCluster.MSK_IAM, new KafkaCluster(KafkaAuth.SASL_SCRAM_512, 2),
        new KafkaCluster(KafkaAuth.MTLS, 1));
  }

  @ParameterizedTest
  @MethodSource("clusters")
  @SuppressWarnings("unchecked")
  void theSameKafkaMappingsParametersAndWritersAsTheSamTemplate(KafkaCluster cluster) {
    Synthesized cdk = CdkStacks.kafka(cluster, false);
    Map<String, Object> sam = SamTemplate.of(cdk.plans(), DeploymentSettings.DEFAULT.withKafka(cluster)).tree();
    Map<String, Map<String, Object>> samResources = (Map<String, Map<String, Object>>) sam.get("Resources");
    Map<String, Object> cdkParameters = (Map<String, Object>) cdk.json().get("Parameters");
    int mappings = 0;
    for (StackModel model : cdk.models()) {
      for (KafkaParameter parameter : model.kafkaParameters()) {
        assertSame(((Map<String, Object>) sam.get("Parameters")).get(parameter.logicalId()),
            cdkParameters.get(parameter.logicalId()));
      }
      for (KafkaMapping mapping : model.kafka().mappings()) {
        String id = mapping.functionLogicalId() + "Input";
        Map<String, Object> expected = new LinkedHashMap<>(properties(samResources, id));
        assertThat(expected.remove("FunctionName")).isEqualTo(Map.of("Ref", mapping.functionLogicalId() + ".Alias"));
        Map<String, Object> actual = new LinkedHashMap<>(Cfn.properties(cdk.json(), id));
        assertThat(actual.remove("FunctionName")).isEqualTo(Map.of("Ref", mapping.functionLogicalId() + "Aliaslive"));
        assertSame(expected, actual);
        mappings++;
      }
      for (FunctionResource function : model.functions()) {
        Map<String, Object> lambda = Cfn.properties(cdk.json(), function.logicalId());
        assertSame(properties(samResources, function.logicalId()).get("VpcConfig"), lambda.get("VpcConfig"));
        assertSame(properties(samResources, function.logicalId()).get("Environment"), lambda.get("Environment"));
        List<Object> samStatements = (List<Object>) ((Map<String, Object>) ((List<Object>) properties(samResources,
            function.logicalId()).get("Policies")).get(0)).get("Statement");
        Map<String, Object> policy = ((List<Map<String, Object>>) Cfn.properties(cdk.json(),
            function.logicalId() + "Role").get("Policies")).get(0);
        List<Object> cdkStatements = (List<Object>) ((Map<String, Object>) policy.get("PolicyDocument"))
            .get("Statement");
        assertSame(samStatements.stream().map(Cfn::statement).toList(),
            cdkStatements.stream().map(Cfn::statement).toList());
      }
      String output = dev.runnel.infra.stack.LogicalIds.pascal(model.job()) + "KafkaTopics";
      assertThat(((Map<String, Map<String, Object>>) cdk.json().get("Outputs")).get(output).get("Value"))
          .isEqualTo(((Map<String, Map<String, Object>>) sam.get("Outputs")).get(output).get("Value"));
    }
    assertThat(mappings).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void cdkNagFindsNothingUnsuppressedAndEverySuppressionSaysWhy(KafkaCluster cluster) {
    Synthesized nagged = CdkStacks.kafka(cluster, true);
    assertThat(messages(Annotations.fromStack(nagged.stack())
        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
    assertThat(messages(Annotations.fromStack(nagged.stack())
        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
    List<String> ignored = messages(Annotations.fromStack(nagged.stack())
        .findInfo("*", Match.stringLikeRegexp(".*CdkNagSuppression.*")));
    assertThat(ignored).anyMatch(m -> m.contains("AwsSolutions-IAM5"));
  }

  private static List<String> messages(List<SynthesisMessage> messages) {
    return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Map<String, Object>> resources, String id) {
    return (Map<String, Object>) resources.get(id).get("Properties");
  }

  private static void assertSame(Object sam, Object cdk) {
    JsonNode expected = JSON.valueToTree(sam);
    JsonNode actual = JSON.valueToTree(cdk);
    assertThat(expected.equals(BY_VALUE, actual)).as("SAM %s%nCDK %s", expected, actual).isTrue();
  }
}
