package dev.runnel.infra.stack;

import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.util.List;

/**
 * Memory and timeout of a stage's functions: the settings' defaults; more memory for an in-process model; for a
 * stage calling models, time for every attempt of its slowest model ({@code timeoutMillis × (maxRetries + 1)}) plus
 * the default as margin, at most Lambda's 900 s.
 *
 * @param memoryMb       the memory
 * @param timeoutSeconds the timeout
 */
record FunctionSizing(int memoryMb, int timeoutSeconds) {
  static final int MAX_TIMEOUT_SECONDS = 900;

  static FunctionSizing of(Plan plan, StageSpec stage, DeploymentSettings settings) {
    List<ModelSpec> models = StageModels.of(plan, stage);
    boolean inProcess = models.stream().anyMatch(m -> m.provider() == ModelProvider.IN_PROCESS);
    long attemptsMillis = models.stream().map(ModelSpec::limits)
        .mapToLong(l -> l.timeoutMillis() * (l.maxRetries() + 1L)).max().orElse(0);
    long timeout = settings.timeoutSeconds() + (attemptsMillis + 999) / 1000;
    return new FunctionSizing(inProcess ? settings.modelMemoryMb() : settings.memoryMb(),
        (int) Math.min(timeout, MAX_TIMEOUT_SECONDS));
  }
}
