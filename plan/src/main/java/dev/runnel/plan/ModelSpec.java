package dev.runnel.plan;

import java.util.Objects;

/**
 * A model the job calls, declared once and used by inference operators by name (like Flink's CREATE MODEL). It
 * holds where the API key comes from, never the key.
 *
 * @param name         the model's name in the job, used by operators
 * @param provider     where it runs
 * @param modelId      the provider's model id ({@code gpt-4o-mini}, {@code anthropic.claude-3-haiku-20240307-v1:0},
 *                     {@code all-minilm-l6-v2-q})
 * @param version      the model version the job pins; part of every stored result's key, so a new version is called
 *                     afresh while replays of the old one reuse its results
 * @param endpoint     the base URL (OpenAI-compatible: up to {@code /v1}; Bedrock: an endpoint override), or null for
 *                     the provider's default; a deployment may override it (docs/inference.md)
 * @param region       the AWS region of a Bedrock model, or null for the function's own
 * @param apiKey       where the API key comes from: {@code env:NAME}, {@code ssm:/parameter/name} or
 *                     {@code secretsmanager:secret-id}; null when the model needs none
 * @param systemPrompt the system prompt sent with every chat and classify request; empty for none
 * @param limits       concurrency, rate limits, timeouts, retries
 */
public record ModelSpec(String name, ModelProvider provider, String modelId, String version, String endpoint,
    String region, String apiKey, String systemPrompt, ModelLimits limits) {
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(limits, "limits");
    if (apiKey != null && !SecretReference.isReference(apiKey)) {
      throw new IllegalArgumentException("model " + name + ": apiKey must say where the key comes from "
          + "(env:NAME, ssm:/name or secretsmanager:id), not hold a key");
    }
  }
}
