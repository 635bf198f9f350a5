package dev.runnel.inference.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** References to environment variables, and what never happens to a value. */
class SecretReferencesTest {
  private static final String KEY = "sk-test-4f9a1c";

  private final SecretReferences secrets = new SecretReferences(Map.of("OPENAI_API_KEY", KEY, "EMPTY", ""),
      () -> {
        throw new AssertionError("no SSM client may be created for env: references");
      },
      () -> {
        throw new AssertionError("no Secrets Manager client may be created for env: references");
      });

  @Test
  void resolvesEnvironmentVariablesWithoutCreatingClients() {
    assertThat(secrets.resolve("env:OPENAI_API_KEY")).isEqualTo(KEY);
    assertThat(new EnvironmentSecrets(Map.of("A", "b")).resolve("env:A")).isEqualTo("b");
  }

  @Test
  void aMissingOrEmptyVariableIsAnErrorNamingTheReference() {
    assertThatThrownBy(() -> secrets.resolve("env:NOT_SET"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("env:NOT_SET");
    assertThatThrownBy(() -> secrets.resolve("env:EMPTY"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("env:EMPTY");
  }

  @Test
  void aStringWithoutAKnownPrefixIsNotRepeated() {
    assertThatThrownBy(() -> secrets.resolve(KEY))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(KEY);
    assertThatThrownBy(() -> new EnvironmentSecrets(Map.of()).resolve(KEY)).message().doesNotContain(KEY);
  }

  @Test
  void toStringNeverShowsAValue() {
    secrets.resolve("env:OPENAI_API_KEY");

    assertThat(secrets.toString()).doesNotContain(KEY).isEqualTo("SecretReferences[1 cached]");
    assertThat(new EnvironmentSecrets(Map.of("K", KEY)).toString()).doesNotContain(KEY);
  }
}
