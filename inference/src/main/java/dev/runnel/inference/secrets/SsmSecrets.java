package dev.runnel.inference.secrets;

import dev.runnel.plan.SecretReference;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Resolves {@code ssm:/parameter/name} references with SSM GetParameter, SecureStrings decrypted. Not cached. */
public final class SsmSecrets implements SecretSource {
  private final SsmClient ssm;

  /** Secrets read through {@code ssm}; the client stays the caller's. */
  public SsmSecrets(SsmClient ssm) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
  }

  @Override
  public String resolve(String reference) {
    String name = SecretName.after(SecretReference.SSM, reference);
    String value;
    try {
      value = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    } catch (SdkException e) {
      throw SecretUnavailable.because(reference, e);
    }
    if (value == null || value.isEmpty()) {
      throw SecretUnavailable.because(reference, "the parameter has no value");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SsmSecrets";
  }
}
