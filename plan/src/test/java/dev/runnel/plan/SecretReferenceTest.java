package dev.runnel.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where an API key comes from: a reference is accepted, anything else (such as a key) is not. */
class SecretReferenceTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "env:OPENAI_API_KEY", "env:_KEY", "env:k", "env:KEY_2",
      "ssm:/my-job/openai-key", "ssm:openai", "ssm:/a.b/c_d-e",
      "secretsmanager:my-job/openai", "secretsmanager:prod/openai+key=1@x",
      "secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:my-job/openai-AbCdEf"})
  void referencesNameWhereTheKeyIs(String value) {
    assertThat(SecretReference.isReference(value)).as(value).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "sk-abc123", "sk-proj-AbCdEf0123456789", "Bearer sk-abc123", "OPENAI_API_KEY",
      "env:", "ssm:", "secretsmanager:",
      "env:1KEY", "env:OPENAI-API-KEY", "env:MY KEY", "env: KEY", "env:$KEY",
      "ssm:/my job/key", "secretsmanager:a b", "ssm:/key?x", "ssm:/key#x",
      "ENV:OPENAI_API_KEY", "Env:KEY", "file:/etc/key", "vault:secret/key", "env;KEY", " env:KEY", "env:KEY "})
  void anythingElseIsNotAReference(String value) {
    assertThat(SecretReference.isReference(value)).as("'%s'", value).isFalse();
  }

  @Test
  void thePrefixes() {
    assertThat(List.of(SecretReference.ENV, SecretReference.SSM, SecretReference.SECRETS_MANAGER))
        .containsExactly("env:", "ssm:", "secretsmanager:");
  }

  private static final ModelLimits LIMITS = new ModelLimits(8, 0, 0, 30_000, 4, 512, 32, 30_000);

  @Test
  void aModelSpecTakesAReferenceOrNoKey() {
    assertThat(new ModelSpec("m", ModelProvider.OPENAI_COMPATIBLE, "gpt-4o-mini", "gpt-4o-mini", null, null,
        "env:OPENAI_API_KEY", "", LIMITS).apiKey()).isEqualTo("env:OPENAI_API_KEY");
    assertThat(new ModelSpec("m", ModelProvider.IN_PROCESS, "all-minilm-l6-v2-q", "all-minilm-l6-v2-q", null, null,
        null, "", LIMITS).apiKey()).isNull();
  }

  @Test
  void aModelSpecRejectsAKeyWithoutRepeatingIt() {
    assertThatThrownBy(() -> new ModelSpec("m", ModelProvider.OPENAI_COMPATIBLE, "gpt-4o-mini", "gpt-4o-mini", null,
        null, "sk-abc123", "", LIMITS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey must say where the key comes from")
        .hasMessageNotContaining("sk-abc123");
  }

  @Test
  void thePlanReaderRejectsAKeyWithoutRepeatingIt() {
    var input = new StageInput("in", "in", "x.In", "json");
    var classify = new OperatorSpec("score", OperatorKind.INFERENCE, "score", "in", "x.In", "x.Out", null, null,
        new InferenceSpec("m", InferenceTask.CLASSIFY, "{text}", List.of("a", "b"), "dev.runnel.api.model.Label",
            "{}", 86_400));
    var stage = new StageSpec("j-1", input, null, List.of(classify),
        List.of(new OutputSpec("console", OutputKind.CONSOLE, "score", null, null, "x.Out")), List.of(),
        BatchingSpec.DEFAULT);
    Plan plan = new Plan(Plan.FORMAT, "j", "x.Job", List.of(new StreamSpec("in", 1, StreamRole.SOURCE)),
        List.of(new TableSpec("j-dead-letters", TableRole.DEAD_LETTER, "source", "position")), List.of(stage),
        List.of(new ModelSpec("m", ModelProvider.OPENAI_COMPATIBLE, "gpt-4o-mini", "gpt-4o-mini", null, null,
            "env:OPENAI_API_KEY", "", LIMITS)));
    String json = PlanJson.write(plan);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    String edited = json.replace("env:OPENAI_API_KEY", "sk-abc123");
    assertThat(edited).contains("sk-abc123");
    assertThatThrownBy(() -> PlanJson.read(edited))
        .hasMessageContaining("apiKey must say where the key comes from")
        .hasMessageNotContaining("sk-abc123")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass()).doesNotContain("sk-abc123");
          }
        });
  }
}
