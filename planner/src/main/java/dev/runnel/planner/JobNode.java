package dev.runnel.planner;

import java.util.List;

/** A node of a job's graph as read from its annotations: a source stream or an operator method. */
sealed interface JobNode permits SourceNode, OperatorNode {
  /** The node's name: the source's stream, or the operator's method name. Operators name it in {@code from}. */
  String name();

  /** The class of the records the node emits. */
  Class<?> outputType();

  /** True when the node's output is repartitioned by a {@code @KeyBy} field. */
  boolean keyed();

  /** The {@code @KeyBy} field, or null. */
  String keyField();

  /** The {@code @KeyBy} shard count, 0 for "as upstream". */
  int keyShards();

  /** The sinks declared on the node. */
  List<SinkDeclaration> sinks();

  /** Where the node is declared, for messages: {@code OrderRouting.route(Order)}. */
  String where();
}
