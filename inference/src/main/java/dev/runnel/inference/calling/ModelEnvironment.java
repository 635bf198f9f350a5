package dev.runnel.inference.calling;

import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.inference.secrets.SecretSource;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a model caller needs from its surroundings.
 *
 * @param variables    the environment (Lambda's, or the local runner's): endpoint overrides are read from
 *                     {@code RUNNEL_MODEL_<NAME>_ENDPOINT}, the model's name upper-cased with '-' as '_'
 * @param secrets      resolves the model's API key reference
 * @param rateLimits   the shared rate limiter of a model, by model name
 * @param awsRegion    the region Bedrock is called in when the model names none
 * @param awsCredentials credentials for Bedrock
 * @param counters     where calls, tokens and latencies are counted
 */
public record ModelEnvironment(Map<String, String> variables, SecretSource secrets,
    Function<String, RateLimiter> rateLimits, Region awsRegion, AwsCredentialsProvider awsCredentials,
    InferenceCounters counters) {
  public ModelEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(awsRegion, "awsRegion");
    Objects.requireNonNull(awsCredentials, "awsCredentials");
    Objects.requireNonNull(counters, "counters");
  }

  /** The endpoint override of model {@code name}, if the environment sets one. */
  public Optional<URI> endpointOverride(String name) {
    String value = variables.get(endpointVariable(name));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
  }

  /** The variable that overrides model {@code name}'s endpoint. */
  public static String endpointVariable(String name) {
    return "RUNNEL_MODEL_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ENDPOINT";
  }
}
