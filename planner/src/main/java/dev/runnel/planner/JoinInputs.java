package dev.runnel.planner;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a join against the nodes it reads, once every node is known: both inputs exist, are keyed by fields of one
 * type, emit what the method takes, and do not read the join's own output.
 */
final class JoinInputs {
  private final Map<String, JobNode> nodes;
  private final List<JobProblem> problems;

  JoinInputs(Map<String, JobNode> nodes, List<JobProblem> problems) {
    this.nodes = nodes;
    this.problems = problems;
  }

  /** The left input's name when both inputs are usable; null (with problems) otherwise. */
  String resolve(OperatorNode join) {
    JoinDeclaration declared = join.join();
    JobNode left = side(join, "left", declared.left(), declared.leftType());
    JobNode right = side(join, "right", declared.right(), declared.rightType());
    if (left == null || right == null) {
      return null;
    }
    Class<?> leftKey = RecordFields.type(left.outputType(), left.keyField());
    Class<?> rightKey = RecordFields.type(right.outputType(), right.keyField());
    if (leftKey != null && rightKey != null && TypedKeys.boxed(leftKey) != TypedKeys.boxed(rightKey)) {
      problem(join.where(), "joins '" + left.name() + "', keyed by '" + left.keyField() + "' (a "
              + Describe.type(leftKey) + "), with '" + right.name() + "', keyed by '" + right.keyField() + "' (a "
              + Describe.type(rightKey) + "): records meet on their key's text, so keys of two types would meet by"
              + " accident or never",
          "Key both inputs by fields of one type, e.g. with a @MapEach turning one side's key into a "
              + Describe.type(leftKey) + " and @KeyBy on it.");
      return null;
    }
    if (left.keyShards() > 0 && right.keyShards() > 0 && left.keyShards() != right.keyShards()) {
      problem(join.where(), "its inputs ask for different shard counts: @KeyBy(shards = " + left.keyShards()
              + ") on '" + left.name() + "' and " + right.keyShards() + " on '" + right.name() + "'",
          "Both inputs feed one stream of the join: give them the same shards, or set it on one of them only.");
      return null;
    }
    return left.name();
  }

  /** The node read on {@code side}, or null (with a problem) when it cannot be joined. */
  private JobNode side(OperatorNode join, String side, String name, Class<?> parameter) {
    JobNode node = nodes.get(name);
    if (node == null) {
      problem(join.where(), side + " = \"" + name + "\" names no source stream or operator",
          "Use one of " + nodes.keySet() + ".");
      return null;
    }
    if (node == join || readsJoin(node, join)) {
      problem(join.where(), "its " + side + " input '" + name + "' reads the join's own output",
          "Streams flow one way from a source: join nodes upstream of the join.");
      return null;
    }
    if (node.outputType() == void.class) {
      problem(join.where(), "its " + side + " input '" + name + "' emits nothing", "Join a node that emits records.");
      return null;
    }
    if (!parameter.isAssignableFrom(node.outputType())) {
      problem(join.where(), "its " + side + " parameter is " + Describe.type(parameter) + ", but its " + side
              + " input '" + name + "' emits " + Describe.type(node.outputType()),
          "Change the " + side + " parameter to " + Describe.type(node.outputType()) + ", or set " + side
              + " to a node emitting " + Describe.type(parameter) + ".");
      return null;
    }
    if (!node.keyed()) {
      problem(join.where(), "its " + side + " input '" + name + "' is not keyed",
          "Add @KeyBy(\"field\") to " + (node instanceof SourceNode ? "the source record type " + node.where()
              : "'" + name + "'") + ", keying both inputs by fields of one type, so that each key's records of both"
              + " sides meet in one place.");
      return null;
    }
    return node;
  }

  /** True when {@code node} is downstream of {@code join}, following each operator's declared (or left) inputs. */
  private boolean readsJoin(JobNode node, OperatorNode join) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<JobNode> pending = new ArrayDeque<>(List.of(node));
    while (!pending.isEmpty()) {
      if (!(pending.poll() instanceof OperatorNode operator) || !seen.add(operator.name())) {
        continue;
      }
      if (operator.declaredFrom().contains(join.name())) {
        return true;
      }
      operator.declaredFrom().stream().map(nodes::get).filter(java.util.Objects::nonNull).forEach(pending::add);
    }
    return false;
  }

  private void problem(String where, String problem, String fix) {
    problems.add(new JobProblem(where, problem, fix));
  }
}
