package dev.runnel.inference.secrets;

import dev.runnel.plan.SecretReference;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Resolves {@code secretsmanager:secret-id} references (a name or ARN) with GetSecretValue: the current version's
 * SecretString, whole. Not cached.
 */
public final class SecretsManagerSecrets implements SecretSource {
  private final SecretsManagerClient secretsManager;

  /** Secrets read through {@code secretsManager}; the client stays the caller's. */
  public SecretsManagerSecrets(SecretsManagerClient secretsManager) {
    this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
  }

  @Override
  public String resolve(String reference) {
    String id = SecretName.after(SecretReference.SECRETS_MANAGER, reference);
    String value;
    try {
      value = secretsManager.getSecretValue(b -> b.secretId(id)).secretString();
    } catch (SdkException e) {
      throw SecretUnavailable.because(reference, e);
    }
    if (value == null || value.isEmpty()) {
      throw SecretUnavailable.because(reference, "the secret has no SecretString (a binary secret?)");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SecretsManagerSecrets";
  }
}
