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
 * @param lowerBound  an interval join's lower bound in milliseconds (a right record pairs from {@code left.t +
 *                    lowerBound}), null for a window join
 * @param upperBound  an interval join's upper bound in milliseconds (inclusive, at least {@code lowerBound}), null for
 *                    a window join
 */
public record JoinSpec(String left, String right, String leftType, String rightType, String leftKey,
    String rightKey, boolean takesWindow, Long lowerBound, Long upperBound) {
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
    if ((lowerBound == null) != (upperBound == null)) {
      throw new IllegalArgumentException("an interval join has both bounds, a window join neither");
    }
    if (lowerBound != null && lowerBound > upperBound) {
      throw new IllegalArgumentException("interval join bounds [" + lowerBound + ", " + upperBound + "] are reversed");
    }
    if (left.equals(right)) {
      throw new IllegalArgumentException("a join reads two different nodes, not '" + left + "' twice");
    }
  }

  /** A window join's inputs (no bounds). */
  public JoinSpec(String left, String right, String leftType, String rightType, String leftKey, String rightKey,
      boolean takesWindow) {
    this(left, right, leftType, rightType, leftKey, rightKey, takesWindow, null, null);
  }

  /** True for an interval join's inputs: it has bounds. */
  public boolean interval() {
    return lowerBound != null;
  }

  /** The record type of {@code side}. */
  public String type(JoinSide side) {
    return side == JoinSide.LEFT ? leftType : rightType;
  }
}
