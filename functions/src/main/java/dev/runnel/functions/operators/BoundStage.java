package dev.runnel.functions.operators;

import dev.runnel.functions.timers.OnTimerOperator;
import dev.runnel.functions.windows.WindowOperator;
import dev.runnel.functions.inference.InferenceOperator;
import java.util.List;
import java.util.Map;

/**
 * A stage's operators bound to the job: the chain records run through, and what a firing round fires.
 *
 * @param chain    the fused operators
 * @param windows  the window operators by node name, in chain order
 * @param onTimers the {@code @OnTimer} methods by the name of the process operator whose timers they handle
 * @param inference the inference operators, in chain order
 */
public record BoundStage(OperatorChain chain, Map<String, WindowOperator> windows,
    Map<String, OnTimerOperator> onTimers, List<InferenceOperator> inference) {
  public BoundStage {
    windows = Map.copyOf(windows);
    onTimers = Map.copyOf(onTimers);
    inference = List.copyOf(inference);
  }

  /** A stage without inference operators. */
  public BoundStage(OperatorChain chain, Map<String, WindowOperator> windows, Map<String, OnTimerOperator> onTimers) {
    this(chain, windows, onTimers, List.of());
  }

  /** True when the stage has windows that fire by time (count windows fire on records) or timers: it fires in rounds. */
  public boolean fires() {
    return windows.values().stream().anyMatch(WindowOperator::firesInRounds) || !onTimers.isEmpty();
  }

  /** True when processing time matters: the stage has timers, processing-time windows or early firings by it. */
  public boolean followsProcessingTime() {
    return !onTimers.isEmpty() || windows.values().stream().anyMatch(WindowOperator::needsProcessingTime);
  }
}
