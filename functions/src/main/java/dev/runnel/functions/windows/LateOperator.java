package dev.runnel.functions.windows;

import dev.runnel.functions.operators.FilledOperator;
import java.util.List;

/** A window's late-data node: it emits the records its window found too late, as they were. */
public record LateOperator(String name, WindowOperator window) implements FilledOperator {
  @Override
  public List<Object> drain() {
    return window.drainLate();
  }
}
