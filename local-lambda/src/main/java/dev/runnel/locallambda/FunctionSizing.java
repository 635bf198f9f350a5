package dev.runnel.locallambda;

import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import java.time.Duration;
import java.util.List;

/**
 * Memory and timeout of the functions a local run starts, sized as a deployment sizes them (infra's
 * {@code DeploymentSettings.DEFAULT} and {@code FunctionSizing}): {@code memoryMb}, or {@code modelMemoryMb} for a
 * stage running a model in process; {@code timeoutSeconds}, plus every attempt of the stage's slowest model call.
 *
 * @param memoryMb       a stage function's memory (Lambda: 128 to 10,240 MB)
 * @param modelMemoryMb  the memory of a stage function running an in-process model
 * @param timeoutSeconds a stage function's timeout when it calls no model (Lambda: at most 900 s)
 */
public record FunctionSizing(int memoryMb, int modelMemoryMb, int timeoutSeconds) {
  /** As deployed by default: 1024 MB (2048 with an in-process model), 60 s. */
  public static final FunctionSizing DEFAULT = new FunctionSizing(1024, 2048, 60);
  private static final int MAX_TIMEOUT_SECONDS = 900;

  public FunctionSizing {
    if (memoryMb < 128 || memoryMb > 10_240 || modelMemoryMb < 128 || modelMemoryMb > 10_240) {
      throw new IllegalArgumentException("memory must be 128..10240 MB, not " + memoryMb + " / " + modelMemoryMb);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeoutSeconds must be 1..900, not " + timeoutSeconds);
    }
  }

  /** The memory of {@code stage}'s functions, in MB. */
  int memoryOf(Plan plan, StageSpec stage) {
    return models(plan, stage).stream().anyMatch(m -> m.provider() == ModelProvider.IN_PROCESS) ? modelMemoryMb
        : memoryMb;
  }

  /** The timeout of {@code stage}'s functions. */
  Duration timeoutOf(Plan plan, StageSpec stage) {
    long attemptsMillis = models(plan, stage).stream().map(ModelSpec::limits)
        .mapToLong(l -> l.timeoutMillis() * (l.maxRetries() + 1L)).max().orElse(0);
    return Duration.ofSeconds(Math.min(timeoutSeconds + (attemptsMillis + 999) / 1000, MAX_TIMEOUT_SECONDS));
  }

  /** The same sizing with another timeout (tests of the timeout use a short one). */
  public FunctionSizing withTimeoutSeconds(int seconds) {
    return new FunctionSizing(memoryMb, modelMemoryMb, seconds);
  }

  private static List<ModelSpec> models(Plan plan, StageSpec stage) {
    return stage.operators().stream().map(OperatorSpec::inference).filter(i -> i != null)
        .map(i -> plan.model(i.model()).orElseThrow(() -> new IllegalArgumentException(
            "stage " + stage.id() + " calls model " + i.model() + ", which the plan lacks")))
        .distinct().toList();
  }
}
