package dev.runnel.functions.operators;

import java.util.List;

/**
 * A node that no record is applied to: another operator fills it while it runs (a window's late records, an
 * operator's side output), and the chain takes its records once that operator ran.
 */
public interface FilledOperator extends Operator {
  /** The records filled in since the last call, in emission order; leaves it empty. */
  List<Object> drain();

  @Override
  default void apply(Object record, List<Object> out) {
    throw new IllegalStateException("node " + name() + " is filled by another operator, not applied to records");
  }
}
