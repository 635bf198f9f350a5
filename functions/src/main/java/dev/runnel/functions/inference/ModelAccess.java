package dev.runnel.functions.inference;

import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.ModelClientFactory;
import dev.runnel.inference.secrets.SecretSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import dev.runnel.inference.secrets.SecretReferences;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a stage needs to reach its models: the environment (endpoint overrides), where API keys are read, the AWS
 * region and credentials for Bedrock, and the counters each stage's model calls are counted in.
 *
 * @param variables   the environment variables; {@code RUNNEL_MODEL_<NAME>_ENDPOINT} overrides a model's endpoint
 * @param secrets     resolves API key references
 * @param region      the region for Bedrock models that name none
 * @param credentials credentials for Bedrock
 * @param counters    the counters of a stage, by stage id (a local run shares one per stage across instances)
 * @param clients     makes the clients requests go through: the providers', or stand-ins (a test's stubs), which
 *                    are not rate-limited (the plan's limits protect a provider's quota)
 */
public record ModelAccess(Map<String, String> variables, SecretSource secrets, Region region,
    AwsCredentialsProvider credentials, Function<String, InferenceCounters> counters, ModelClientFactory clients) {
  public ModelAccess {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(counters, "counters");
  }

  /** Access whose requests go to the models' providers. */
  public ModelAccess(Map<String, String> variables, SecretSource secrets, Region region,
      AwsCredentialsProvider credentials, Function<String, InferenceCounters> counters) {
    this(variables, secrets, region, credentials, counters, ModelCallers.PROVIDERS);
  }

  /** True when requests go to the models' providers, not to stand-ins. */
  public boolean callsProviders() {
    return clients == ModelCallers.PROVIDERS;
  }

  /**
   * Access as a function has it: the process environment; keys from the environment, SSM or Secrets Manager (clients
   * created on first use); the region from {@code AWS_REGION} (us-east-1 without one); the default credentials chain.
   */
  public static ModelAccess fromProcess() {
    Map<String, String> environment = System.getenv();
    Region region = Region.of(environment.getOrDefault("AWS_REGION", "us-east-1"));
    return new ModelAccess(environment, SecretReferences.ofProcess(), region, lazyDefaultCredentials(),
        countersPerStage());
  }

  /** The default credentials chain, built on first use: a stage that calls no Bedrock model never loads it. */
  private static AwsCredentialsProvider lazyDefaultCredentials() {
    AwsCredentialsProvider[] chain = new AwsCredentialsProvider[1];
    return () -> {
      synchronized (chain) {
        if (chain[0] == null) {
          chain[0] = DefaultCredentialsProvider.builder().build();
        }
        return chain[0].resolveCredentials();
      }
    };
  }

  /** Counters kept per stage, created on first use. */
  public static Function<String, InferenceCounters> countersPerStage() {
    Map<String, InferenceCounters> byStage = new ConcurrentHashMap<>();
    return stage -> byStage.computeIfAbsent(stage, s -> new InferenceCounters());
  }

  /** The same access with other variables (a local run adds endpoint overrides). */
  public ModelAccess withVariables(Map<String, String> other) {
    return new ModelAccess(other, secrets, region, credentials, counters, clients);
  }

  /** The same access with other counters. */
  public ModelAccess withCounters(Function<String, InferenceCounters> other) {
    return new ModelAccess(variables, secrets, region, credentials, other, clients);
  }

  /** The same access sending requests to the clients {@code other} makes (a test's model stubs). */
  public ModelAccess withClients(ModelClientFactory other) {
    return new ModelAccess(variables, secrets, region, credentials, counters, other);
  }
}
