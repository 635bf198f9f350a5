package dev.runnel.planner;

import dev.runnel.api.model.Model;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.SecretReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code @Model} declarations of a job class into {@link ModelSpec}s, checking names, providers, limits,
 * endpoints and that an API key is only ever a reference to where the key lives.
 */
final class ModelReader {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  /** The in-process models Runnel ships. */
  static final List<String> IN_PROCESS_MODELS = List.of("all-minilm-l6-v2-q");

  private final List<JobProblem> problems;
  private final Durations durations;
  /** The names of declared models that were rejected, with a problem each. */
  private final Set<String> rejected = new HashSet<>();

  ModelReader(List<JobProblem> problems) {
    this.problems = problems;
    this.durations = new Durations(problems);
  }

  /** A declared model with what the planner needs beyond its spec. */
  record Declared(ModelSpec spec, Class<?> output, long keepResultsSeconds, String where) {}

  /** The models declared on the job class, by name; a bad declaration is reported and left out. */
  Map<String, Declared> read(Class<?> jobClass) {
    Map<String, Declared> models = new LinkedHashMap<>();
    for (Model model : jobClass.getAnnotationsByType(Model.class)) {
      String at = Describe.type(jobClass) + " @Model(name = \"" + model.name() + "\")";
      Declared declared = read(model, at);
      if (declared == null) {
        rejected.add(model.name());
      } else if (models.putIfAbsent(model.name(), declared) != null) {
        problem(at, "declares the model name '" + model.name() + "' twice", "Give each @Model a name of its own.");
      }
    }
    return models;
  }

  /**
   * The names of the models declared but rejected by {@link #read(Class)}: an operator calling one is not reported
   * again as calling an undeclared model, since the declaration's own problem says what to change.
   */
  Set<String> rejected() {
    return rejected;
  }

  private Declared read(Model model, String at) {
    boolean ok = true;
    if (!NAME.matcher(model.name()).matches()) {
      problem(at, "model name '" + model.name() + "' is not valid",
          "Use 1-40 lower-case letters, digits and '-', starting with a letter, e.g. name = \"sentiment\".");
      ok = false;
    }
    if (model.id().isBlank()) {
      problem(at, "has no model id", "Set id, e.g. id = \"gpt-4o-mini\".");
      ok = false;
    }
    ModelProvider provider = switch (model.provider()) {
      case OPENAI_COMPATIBLE -> ModelProvider.OPENAI_COMPATIBLE;
      case BEDROCK -> ModelProvider.BEDROCK;
      case IN_PROCESS -> ModelProvider.IN_PROCESS;
    };
    if (provider == ModelProvider.IN_PROCESS && !IN_PROCESS_MODELS.contains(model.id())) {
      problem(at, "in-process model id '" + model.id() + "' is not one Runnel ships",
          "Use one of " + IN_PROCESS_MODELS + ", or call a server with provider = OPENAI_COMPATIBLE.");
      ok = false;
    }
    if (provider == ModelProvider.IN_PROCESS && (!model.apiKey().isEmpty() || !model.endpoint().isEmpty())) {
      problem(at, "an in-process model has no endpoint and needs no API key", "Remove endpoint and apiKey.");
      ok = false;
    }
    String apiKey = model.apiKey().isEmpty() ? null : model.apiKey();
    if (apiKey != null && !SecretReference.isReference(apiKey)) {
      // never echo the value: it may be a key
      problem(at, "apiKey does not say where the key comes from (it must never hold the key itself)",
          "Write apiKey = \"env:OPENAI_API_KEY\", \"ssm:/my-job/openai-key\" or \"secretsmanager:my-job/openai\","
              + " and keep the key there.");
      ok = false;
    }
    String endpoint = model.endpoint().isEmpty() ? null : model.endpoint();
    if (endpoint != null && !isHttpUrl(endpoint)) {
      problem(at, "endpoint '" + endpoint + "' is not an http(s) URL",
          "Write the base URL, e.g. endpoint = \"http://localhost:11434/v1\" for Ollama.");
      ok = false;
    }
    if (!model.region().isEmpty() && provider != ModelProvider.BEDROCK) {
      problem(at, "region only applies to Bedrock models", "Remove region, or use provider = BEDROCK.");
      ok = false;
    }
    if (model.output() != void.class && AnswerSchemas.of(model.output(), problems, at + " output") == null) {
      ok = false;
    }
    Long timeout = durations.millis(at, "@Model(timeout)", model.timeout(), true, "PT30S");
    Long circuit = durations.millis(at, "@Model(circuitOpen)", model.circuitOpen(), true, "PT30S");
    Long keep = durations.millis(at, "@Model(keepResults)", model.keepResults(), true, "P8D");
    ok &= limit(at, "maxConcurrency", model.maxConcurrency(), 1, 256, "8");
    ok &= limit(at, "maxRetries", model.maxRetries(), 0, 20, "4");
    ok &= limit(at, "maxOutputTokens", model.maxOutputTokens(), 1, 1_000_000, "512");
    ok &= limit(at, "batchSize", model.batchSize(), 1, 2048, "32");
    ok &= limit(at, "requestsPerMinute", model.requestsPerMinute(), 0, 10_000_000, "600");
    if (model.tokensPerMinute() < 0) {
      problem(at, "tokensPerMinute is negative", "Use 0 for no limit, or the provider's limit, e.g. 200000.");
      ok = false;
    }
    if (keep != null && keep < 86_400_000L) {
      problem(at, "keepResults \"" + model.keepResults() + "\" is shorter than a day",
          "Keep answers at least as long as the input stream keeps records (24 hours by default), e.g. \"P8D\".");
      ok = false;
    }
    if (!ok || timeout == null || circuit == null || keep == null) {
      return null;
    }
    ModelLimits limits = new ModelLimits(model.maxConcurrency(), model.requestsPerMinute(), model.tokensPerMinute(),
        timeout, model.maxRetries(), model.maxOutputTokens(), model.batchSize(), circuit);
    String version = model.version().isEmpty() ? model.id() : model.version();
    ModelSpec spec = new ModelSpec(model.name(), provider, model.id(), version, endpoint,
        model.region().isEmpty() ? null : model.region(), apiKey, model.systemPrompt(), limits);
    return new Declared(spec, model.output(), keep / 1000, at);
  }

  private boolean limit(String at, String what, long value, long min, long max, String example) {
    if (value < min || value > max) {
      problem(at, what + " " + value + " is out of range", "Use " + min + " to " + max + ", e.g. " + what + " = "
          + example + ".");
      return false;
    }
    return true;
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
