package dev.runnel.functions.operators;

import java.util.List;

/** A side-output node: the records its operator's method emitted to one {@code SideOutput}. */
record SideOperator(String name, SideBuffer buffer) implements FilledOperator {
  @Override
  public List<Object> drain() {
    return buffer.drain();
  }
}
