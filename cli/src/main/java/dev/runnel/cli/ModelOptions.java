package dev.runnel.cli;

import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.localrunner.models.LocalModelEndpoints;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.Plan;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --local-model-server} and {@code --model-endpoint NAME=URL}: where a local run's served models are. */
final class ModelOptions {
  @Option(names = "--local-model-server",
      description = "Start the bundled local model server for the run and point every served model of the job at it. "
          + "It is a rule-based stand-in for an LLM (a sentiment lexicon, topic keywords, listing-policy rules), not "
          + "a language model: for trying jobs offline, without a key.")
  boolean localServer;

  @Option(names = "--model-endpoint", paramLabel = "NAME=URL",
      description = "Point the job's model NAME at an OpenAI-compatible base URL (up to /v1), e.g. Ollama at "
          + "http://localhost:11434/v1. Repeatable. Wins over --local-model-server for that model.")
  List<String> endpoints = new ArrayList<>();

  /** A served model's key is read from an environment variable that is not set: the run cannot start. */
  static final class MissingKeys extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingKeys(String message) {
      super(message);
    }
  }

  /** Prints {@code e} and returns the exit code for it (2, as for other problems the run cannot start with). */
  static int report(MissingKeys e, PrintStream err) {
    err.println("runnel: " + e.getMessage());
    return ExitCodes.USAGE;
  }

  /** The models' access for a run of {@code plan}, and the local server when one was started. */
  record Session(ModelAccess access, LocalModelServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * Starts the local model server if asked (and the job has served models), says where each served model goes on
   * {@code err}, and throws {@link MissingKeys} when a model's key is read from an unset environment variable.
   */
  Session open(CommandLine command, Plan plan, PrintStream err) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String endpoint : endpoints) {
      int eq = endpoint.indexOf('=');
      String url = eq < 0 ? "" : endpoint.substring(eq + 1).trim();
      if (eq <= 0 || !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new CommandLine.ParameterException(command, "--model-endpoint takes NAME=URL with an http(s) URL, "
            + "e.g. chat=http://localhost:11434/v1, not '" + endpoint + "'");
      }
      overrides.put(endpoint.substring(0, eq).trim(), url);
    }
    List<ModelSpec> served = LocalModelEndpoints.served(plan);
    if (served.isEmpty()) {
      if (localServer || !overrides.isEmpty()) {
        err.println("· job " + plan.job() + " calls no served model; --local-model-server and --model-endpoint "
            + "change nothing");
      }
      return new Session(ModelAccess.fromProcess(), null);
    }
    LocalModelServer server = localServer ? LocalModelServer.start(LocalModelServer.Config.defaults()) : null;
    try {
      ModelAccess access;
      try {
        access = LocalModelEndpoints.access(plan, server, overrides);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, e.getMessage());
      }
      List<String> missing = LocalModelEndpoints.missingKeys(plan, access);
      if (!missing.isEmpty()) {
        throw new MissingKeys("cannot call the models of job " + plan.job() + ":\n  - "
            + String.join("\n  - ", missing));
      }
      if (server != null) {
        err.println("· local model server at " + server.openAiBaseUrl() + " (OpenAI-compatible; Bedrock at "
            + server.bedrockEndpoint() + "): a rule-based local stand-in for an LLM, not a language model");
      }
      for (ModelSpec model : served) {
        String where = overrides.containsKey(model.name()) ? overrides.get(model.name())
            : server != null ? "the local model server"
            : model.endpoint() == null || model.endpoint().isEmpty() ? "the provider's default endpoint"
                : model.endpoint();
        err.println("· model " + model.name() + " (" + model.modelId() + ") → " + where);
      }
      return new Session(access, server);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }
}
