package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.infra.cdk.CdkStacks.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions checks over a stack of every example: no unsuppressed error or warning, and each
 * suppression names its rule and gives a written reason (the ones infra/README.md lists, and no others).
 */
class CdkNagTest {
  static final Set<String> SUPPRESSED = Set.of("AwsSolutions-IAM4", "AwsSolutions-L1", "AwsSolutions-SQS3");

  @Test
  void noUnsuppressedErrors() {
    assertThat(messages(Annotations.fromStack(stack().stack())
        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void noUnsuppressedWarnings() {
    assertThat(messages(Annotations.fromStack(stack().stack())
        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void theChecksRanAndOnlyTheListedRulesWereSuppressed() {
    // The checks log what a suppression ignored (logIgnores): proof they ran, and which suppressions are in use.
    List<String> ignored = messages(Annotations.fromStack(stack().stack())
        .findInfo("*", Match.stringLikeRegexp(".*CdkNagSuppression.*")));
    Set<String> rules = new TreeSet<>();
    ignored.forEach(m -> rules.add(m.replaceAll("(?s).*(AwsSolutions-[A-Za-z0-9]+) was triggered.*", "$1")));
    assertThat(rules).isEqualTo(new TreeSet<>(SUPPRESSED));
    int functions = stack().models().stream().mapToInt(m -> m.functions().size()).sum();
    assertThat(ignored).hasSize(2 * functions + stack().models().size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySuppressionHasAWrittenReason() {
    int suppressions = 0;
    for (Map<String, Object> resource : Cfn.resources(stack().json()).values()) {
      Map<String, Object> metadata = (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
      Map<String, Object> nag = (Map<String, Object>) metadata.get("cdk_nag");
      if (nag == null) {
        continue;
      }
      for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
        assertThat((String) rule.get("id")).isIn(SUPPRESSED);
        assertThat((String) rule.get("reason")).hasSizeGreaterThan(80);
        suppressions++;
      }
    }
    assertThat(suppressions).isPositive();
  }

  @Test
  void theManagedPolicySuppressionAppliesToThatPolicyAlone() {
    Map<String, Object> role = Cfn.resources(stack().json()).get("Orders1FunctionRole");
    assertThat(role.get("Metadata").toString())
        .contains("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  }

  private static Synthesized stack() {
    return CdkStacks.nagged(RunnelApp.EXAMPLE_JOBS);
  }

  private static List<String> messages(List<SynthesisMessage> found) {
    return found.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
  }
}
