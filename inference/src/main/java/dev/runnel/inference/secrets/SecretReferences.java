package dev.runnel.inference.secrets;

import dev.runnel.plan.SecretReference;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The {@link SecretSource} of a function: dispatches on the reference's prefix to {@link EnvironmentSecrets},
 * {@link SsmSecrets} or {@link SecretsManagerSecrets}, creating the SSM and Secrets Manager clients only when a
 * reference first needs them, and caches every value for the life of this instance (a function instance reads each
 * secret once). Close it to close the clients it created.
 */
public final class SecretReferences implements SecretSource, AutoCloseable {
  private final EnvironmentSecrets environment;
  private final Supplier<SsmClient> ssmClients;
  private final Supplier<SecretsManagerClient> secretsManagerClients;
  private final Map<String, String> cache = new ConcurrentHashMap<>();
  private SsmClient ssm;
  private SecretsManagerClient secretsManager;

  /**
   * References resolved from {@code environment} ({@code env:}) and clients made by the suppliers on first use
   * ({@code ssm:}, {@code secretsmanager:}).
   */
  public SecretReferences(Map<String, String> environment, Supplier<SsmClient> ssmClients,
      Supplier<SecretsManagerClient> secretsManagerClients) {
    this.environment = new EnvironmentSecrets(environment);
    this.ssmClients = Objects.requireNonNull(ssmClients, "ssmClients");
    this.secretsManagerClients = Objects.requireNonNull(secretsManagerClients, "secretsManagerClients");
  }

  /** References resolved from this process's environment and default SSM and Secrets Manager clients. */
  public static SecretReferences ofProcess() {
    return of(System.getenv());
  }

  /**
   * References resolved from {@code environment}, with SSM and Secrets Manager clients of the default region,
   * credentials and endpoint on the URL-connection HTTP client, like the stage's Kinesis and DynamoDB clients: the
   * lightest to start, named rather than left to whichever of the classpath's HTTP clients the SDK would pick.
   */
  public static SecretReferences of(Map<String, String> environment) {
    return new SecretReferences(environment,
        () -> SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        () -> SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  @Override
  public String resolve(String reference) {
    Objects.requireNonNull(reference, "reference");
    String cached = cache.get(reference);
    if (cached != null) {
      return cached;
    }
    String value = sourceFor(reference).resolve(reference);
    ResolvedSecrets.remember(value);
    cache.putIfAbsent(reference, value);
    return value;
  }

  /** Closes the clients this instance created; the cache is emptied. */
  @Override
  public synchronized void close() {
    cache.clear();
    if (ssm != null) {
      ssm.close();
      ssm = null;
    }
    if (secretsManager != null) {
      secretsManager.close();
      secretsManager = null;
    }
  }

  /** Says how many secrets are cached, never their values. */
  @Override
  public String toString() {
    return "SecretReferences[" + cache.size() + " cached]";
  }

  private SecretSource sourceFor(String reference) {
    if (reference.startsWith(SecretReference.ENV)) {
      return environment;
    }
    if (reference.startsWith(SecretReference.SSM)) {
      return new SsmSecrets(ssm());
    }
    if (reference.startsWith(SecretReference.SECRETS_MANAGER)) {
      return new SecretsManagerSecrets(secretsManager());
    }
    throw new IllegalArgumentException("a secret reference must start with env:, ssm: or secretsmanager:; this string "
        + "of " + reference.length() + " characters does not (it is not repeated: it may be a secret itself)");
  }

  private synchronized SsmClient ssm() {
    if (ssm == null) {
      ssm = ssmClients.get();
    }
    return ssm;
  }

  private synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager = secretsManagerClients.get();
    }
    return secretsManager;
  }
}
