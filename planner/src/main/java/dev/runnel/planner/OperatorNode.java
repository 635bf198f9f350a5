package dev.runnel.planner;

import dev.runnel.plan.OperatorKind;
import java.util.List;

/**
 * An operator method.
 *
 * @param name         the method name
 * @param kind         filter, map or flat-map
 * @param declaredFrom the {@code from} attribute, empty when the input is found by type
 * @param inputType    the parameter's class
 * @param outputType   the class of emitted records (the input type for a filter, the element type for a flat-map)
 * @param keyField     the {@code @KeyBy} field, or null
 * @param keyShards    the {@code @KeyBy} shard count, 0 for "as upstream"
 * @param sinks        sinks declared on the method
 * @param states       keyed state the operator declares (process and reduce operators)
 * @param where        the method, for messages
 */
record OperatorNode(
    String name, OperatorKind kind, String declaredFrom, Class<?> inputType, Class<?> outputType,
    String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states, String where)
    implements JobNode {

  @Override
  public boolean keyed() {
    return keyField != null;
  }

  /** True for operators that need keyed state, and so a keyed input. */
  boolean stateful() {
    return kind == OperatorKind.PROCESS || kind == OperatorKind.REDUCE;
  }
}
