package dev.runnel.plan;

import java.util.Objects;

/**
 * The two inputs of a {@code window-join} operator, whose records reach its stage tagged by side on one stream
 * (docs/joins.md).
 *
 * @param left        the left node (a source stream or an operator), keyed
 * @param right       the right node, keyed by a field of the same type
 * @param leftType    the fully qualified class of the left node's records
 * @param rightType   the fully qualified class of the right node's records
 * @param leftKey     the left records' key field (their {@code @KeyBy})
 * @param rightKey    the right records' key field, of the left key's type
 * @param takesWindow true when the join method takes a third parameter, the pair's {@code JoinWindow}
 */
public record JoinSpec(String left, String right, String leftType, String rightType, String leftKey,
    String rightKey, boolean takesWindow) {
  /**
   * The record type a join's stream carries, in its stage's input and its window state: records of either side,
   * each wrapped in its side's tag; not a class.
   */
  public static final String TAGGED_RECORDS = "runnel.join-sides";

  public JoinSpec {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(leftType, "leftType");
    Objects.requireNonNull(rightType, "rightType");
    Objects.requireNonNull(leftKey, "leftKey");
    Objects.requireNonNull(rightKey, "rightKey");
    if (left.equals(right)) {
      throw new IllegalArgumentException("a join reads two different nodes, not '" + left + "' twice");
    }
  }

  /** The record type of {@code side}. */
  public String type(JoinSide side) {
    return side == JoinSide.LEFT ? leftType : rightType;
  }
}
