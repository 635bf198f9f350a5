package dev.runnel.functions.operators;

import java.util.List;

/** One user operator, bound to the job instance: takes one record and appends what it emits. */
public interface Operator {
  /** The operator's node name. */
  String name();

  /** Applies the operator to {@code record}, appending its output records to {@code out}; user exceptions pass through. */
  void apply(Object record, List<Object> out) throws Throwable;
}
