package dev.runnel.functions.operators;

import dev.runnel.functions.timers.OnTimerOperator;
import dev.runnel.functions.windows.WindowOperator;
import java.util.Map;

/**
 * A stage's operators bound to the job: the chain records run through, and what a firing round fires.
 *
 * @param chain    the fused operators
 * @param windows  the window operators by node name, in chain order
 * @param onTimers the {@code @OnTimer} methods by the name of the process operator whose timers they handle
 */
public record BoundStage(OperatorChain chain, Map<String, WindowOperator> windows,
    Map<String, OnTimerOperator> onTimers) {
  public BoundStage {
    windows = Map.copyOf(windows);
    onTimers = Map.copyOf(onTimers);
  }

  /** True when the stage has windows or timers, so it fires in rounds. */
  public boolean fires() {
    return !windows.isEmpty() || !onTimers.isEmpty();
  }
}
