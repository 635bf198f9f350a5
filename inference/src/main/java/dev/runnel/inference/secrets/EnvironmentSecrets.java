package dev.runnel.inference.secrets;

import dev.runnel.plan.SecretReference;
import java.util.Map;

/** Resolves {@code env:NAME} references from a map of environment variables. */
public final class EnvironmentSecrets implements SecretSource {
  private final Map<String, String> environment;

  /** Secrets from {@code environment} (copied), for example {@link System#getenv()}. */
  public EnvironmentSecrets(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Secrets from this process's environment. */
  public static EnvironmentSecrets ofProcess() {
    return new EnvironmentSecrets(System.getenv());
  }

  @Override
  public String resolve(String reference) {
    String value = environment.get(SecretName.after(SecretReference.ENV, reference));
    if (value == null || value.isEmpty()) {
      throw SecretUnavailable.because(reference, "the environment variable is not set");
    }
    return value;
  }

  /** Says how many variables it has, never their values. */
  @Override
  public String toString() {
    return "EnvironmentSecrets[" + environment.size() + " variables]";
  }
}
