package dev.runnel.functions.windows;

import dev.runnel.functions.operators.Operator;
import java.util.List;

/** A window's late-data node: it emits the records its window found too late, as they were. */
public record LateOperator(String name, WindowOperator window) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) {
    throw new IllegalStateException("the late node " + name + " is filled by its window, not applied to records");
  }
}
