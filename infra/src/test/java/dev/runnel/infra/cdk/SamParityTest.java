package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.infra.cdk.CdkStacks.Synthesized;
import dev.runnel.infra.sam.SamTemplate;
import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.FunctionResource;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.infra.stack.StackParameter;
import dev.runnel.infra.stack.StreamResource;
import dev.runnel.infra.stack.TableResource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The CDK stack and the SAM template of one plan are the same stack: the same logical ids, and property for
 * property the same streams, tables, queue, functions, policies, event source mappings, schedules, alarms, the
 * dashboard and parameters (the alarms' thresholds too). Where they differ by design: SAM's function is one {@code AWS::Serverless::Function} (its transform
 * makes the role, version, alias and mapping), the CDK's tables are retained on stack deletion, its queue has a
 * TLS-only queue policy, and its alarms notify a topic chosen at synth time rather than a parameter.
 */
class SamParityTest {
  static final List<String> JOBS = RunnelApp.EXAMPLE_JOBS;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Numbers are equal by value (the SAM writer writes a whole threshold as a long, the CDK as an int). */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) ->
      a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

  @ParameterizedTest
  @FieldSource("JOBS")
  @SuppressWarnings("unchecked")
  void theSameResourcesAndSettingsAsTheSamTemplate(String job) {
    Synthesized cdk = CdkStacks.of(job);
    StackModel model = cdk.model();
    Map<String, Object> sam = SamTemplate.of(cdk.plans(), DeploymentSettings.DEFAULT).tree();
    Map<String, Map<String, Object>> samResources = (Map<String, Map<String, Object>>) sam.get("Resources");
    Map<String, Object> samParameters = (Map<String, Object>) sam.get("Parameters");
    Map<String, Object> cdkParameters = (Map<String, Object>) cdk.json().get("Parameters");

    for (String id : model.logicalIds()) {
      boolean parameter = model.isParameter(id);
      Map<String, ?> samSection = parameter ? samParameters : samResources;
      Map<String, ?> cdkSection = parameter ? cdkParameters : Cfn.resources(cdk.json());
      assertThat(samSection).as("SAM has " + id).containsKey(id);
      assertThat(cdkSection).as("CDK has " + id).containsKey(id);
    }
    for (StreamResource stream : model.streams()) {
      assertSame(samProperties(samResources, stream.logicalId()), Cfn.properties(cdk.json(), stream.logicalId()));
      assertThat(Cfn.type(cdk.json(), stream.logicalId())).isEqualTo(samResources.get(stream.logicalId()).get("Type"));
    }
    for (TableResource table : model.tables()) {
      assertSame(samProperties(samResources, table.logicalId()), Cfn.properties(cdk.json(), table.logicalId()));
    }
    String queue = model.deadLetterQueue().logicalId();
    assertSame(samProperties(samResources, queue), Cfn.properties(cdk.json(), queue));
    for (AlarmResource alarm : model.alarms()) {
      Map<String, Object> expected = new LinkedHashMap<>(samProperties(samResources, alarm.logicalId()));
      expected.remove("AlarmActions");
      assertSame(expected, Cfn.properties(cdk.json(), alarm.logicalId()));
    }
    for (AlarmParameter parameter : model.alarmParameters()) {
      assertSame(samParameters.get(parameter.logicalId()), cdkParameters.get(parameter.logicalId()));
    }
    String dashboard = model.dashboard().logicalId();
    assertSame(samProperties(samResources, dashboard), Cfn.properties(cdk.json(), dashboard));
    for (StackParameter parameter : model.parameters()) {
      assertSame(samParameters.get(parameter.logicalId()), cdkParameters.get(parameter.logicalId()));
    }
    String key = model.deadLetterKey().logicalId();
    assertSame(samParameters.get(key), cdkParameters.get(key));
    String condition = model.deadLetterKey().condition();
    assertSame(((Map<String, Object>) sam.get("Conditions")).get(condition),
        ((Map<String, Object>) cdk.json().get("Conditions")).get(condition));
    for (FunctionResource function : model.functions()) {
      assertSameFunction(samResources, cdk.json(), function);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertSameFunction(Map<String, Map<String, Object>> samResources, Map<String, Object> cdk,
      FunctionResource function) {
    Map<String, Object> sam = samProperties(samResources, function.logicalId());
    String id = function.logicalId();
    Map<String, Object> lambda = Cfn.properties(cdk, id);
    for (String key : List.of("FunctionName", "Description", "Handler", "Runtime", "MemorySize", "Timeout",
        "SnapStart", "Environment")) {
      assertSame(sam.get(key), lambda.get(key));
    }
    assertThat(Cfn.properties(cdk, id + "Alias" + sam.get("AutoPublishAlias"))).containsEntry("Name", sam.get("AutoPublishAlias"));
    List<Object> samStatements = (List<Object>) ((Map<String, Object>) ((List<Object>) sam.get("Policies")).get(0))
        .get("Statement");
    Map<String, Object> policy = ((List<Map<String, Object>>) Cfn.properties(cdk, id + "Role").get("Policies")).get(0);
    List<Object> cdkStatements = (List<Object>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
    assertSame(samStatements.stream().map(Cfn::statement).toList(), cdkStatements.stream().map(Cfn::statement).toList());

    Map<String, Object> events = (Map<String, Object>) sam.getOrDefault("Events", Map.of());
    Map<String, Object> samMapping = samResources.containsKey(id + "Input") ? samProperties(samResources, id + "Input")
        : null;
    if (samMapping != null) {
      // A mapping resource of its own, invoking the function's alias (SAM: <function>.Alias, CDK: the alias's Ref).
      Map<String, Object> expected = new LinkedHashMap<>(samMapping);
      assertThat(expected.remove("FunctionName")).isEqualTo(Map.of("Ref", id + ".Alias"));
      Map<String, Object> mapping = new LinkedHashMap<>(Cfn.properties(cdk, id + "Input"));
      assertThat(mapping.remove("FunctionName")).isEqualTo(Map.of("Ref", id + "Aliaslive"));
      assertSame(expected, mapping);
    } else {
      assertThat(Cfn.resources(cdk)).doesNotContainKey(id + "Input");
    }
    if (events.containsKey("Tick")) {
      Map<String, Object> tick = (Map<String, Object>) ((Map<String, Object>) events.get("Tick")).get("Properties");
      String rule = Cfn.ofType(cdk, "AWS::Events::Rule").stream()
          .filter(r -> Cfn.properties(cdk, r).get("Targets").toString().contains(id + "Aliaslive")).findFirst()
          .orElseThrow();
      assertThat(Cfn.properties(cdk, rule)).containsEntry("ScheduleExpression", tick.get("Schedule"))
          .containsEntry("Description", tick.get("Description"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> samProperties(Map<String, Map<String, Object>> resources, String id) {
    return (Map<String, Object>) resources.get(id).get("Properties");
  }

  private static void assertSame(Object sam, Object cdk) {
    JsonNode expected = JSON.valueToTree(sam);
    JsonNode actual = JSON.valueToTree(cdk);
    assertThat(expected.equals(BY_VALUE, actual)).as("SAM %s%nCDK %s", expected, actual).isTrue();
  }
}
