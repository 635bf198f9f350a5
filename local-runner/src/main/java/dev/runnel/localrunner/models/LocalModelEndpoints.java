package dev.runnel.localrunner.models;

import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.secrets.SecretReferences;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.SecretReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Points a local run's models at endpoints of the developer's choosing: the bundled {@link LocalModelServer} (a
 * rule-based stand-in for an LLM on loopback) or any OpenAI-compatible server, by setting
 * {@code RUNNEL_MODEL_<NAME>_ENDPOINT} as a deployment would. In-process models need nothing.
 */
public final class LocalModelEndpoints {
  /** The key a local run gives models whose {@code env:} key variable is unset; the local server accepts any. */
  public static final String LOCAL_KEY = "local-model-server-key";

  private LocalModelEndpoints() {}

  /** The models of {@code plan} that call a server (not in-process). */
  public static List<ModelSpec> served(Plan plan) {
    return plan.models().stream().filter(m -> m.provider() != ModelProvider.IN_PROCESS).toList();
  }

  /**
   * Access for a local run in which every served model of {@code plan} calls {@code server} (when not null), plus the
   * {@code overrides} (model name to base URL) given by hand; keys named {@code env:X} that the process environment
   * lacks get {@link #LOCAL_KEY} for the models so redirected (a local server such as Ollama ignores keys). Bedrock is
   * called with placeholder credentials (the local server ignores them).
   *
   * @throws IllegalArgumentException when {@code overrides} names a model the plan does not serve
   */
  public static ModelAccess access(Plan plan, LocalModelServer server, Map<String, String> overrides) {
    Map<String, String> variables = new HashMap<>(System.getenv());
    for (String name : overrides.keySet()) {
      if (served(plan).stream().noneMatch(m -> m.name().equals(name))) {
        throw new IllegalArgumentException("job " + plan.job() + " has no served model '" + name + "'; its served "
            + "models: " + served(plan).stream().map(ModelSpec::name).toList());
      }
    }
    for (ModelSpec model : served(plan)) {
      boolean redirected = server != null || overrides.containsKey(model.name());
      if (server != null) {
        variables.put(ModelEnvironment.endpointVariable(model.name()),
            model.provider() == ModelProvider.BEDROCK ? server.bedrockEndpoint() : server.openAiBaseUrl());
      }
      if (redirected && model.apiKey() != null && model.apiKey().startsWith(SecretReference.ENV)) {
        variables.putIfAbsent(model.apiKey().substring(SecretReference.ENV.length()), LOCAL_KEY);
      }
    }
    overrides.forEach((name, url) -> variables.put(ModelEnvironment.endpointVariable(name), url));
    Region region = Region.of(variables.getOrDefault("AWS_REGION", "us-east-1"));
    return new ModelAccess(variables, SecretReferences.of(variables),
        region, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        ModelAccess.countersPerStage());
  }

  /**
   * What keeps {@code plan}'s served models from being called with {@code access}: one message per model whose API
   * key is read from an environment variable that is not set. Keys in SSM or Secrets Manager are read when the
   * stage first calls the model.
   */
  public static List<String> missingKeys(Plan plan, ModelAccess access) {
    List<String> problems = new ArrayList<>();
    for (ModelSpec model : served(plan)) {
      if (model.apiKey() == null || !model.apiKey().startsWith(SecretReference.ENV)) {
        continue;
      }
      String variable = model.apiKey().substring(SecretReference.ENV.length());
      String value = access.variables().get(variable);
      if (value == null || value.isBlank()) {
        String endpoint = access.variables().getOrDefault(ModelEnvironment.endpointVariable(model.name()),
            model.endpoint() == null || model.endpoint().isEmpty() ? "the provider's default endpoint"
                : model.endpoint());
        problems.add("model '" + model.name() + "' (" + model.modelId() + " at " + endpoint + ") reads its API key "
            + "from the environment variable " + variable + ", which is not set. Set " + variable + ", or run with "
            + "--local-model-server (a rule-based local stand-in) or --model-endpoint " + model.name() + "=URL (any "
            + "OpenAI-compatible server, e.g. Ollama at http://localhost:11434/v1).");
      }
    }
    return problems;
  }
}
