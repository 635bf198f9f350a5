package dev.runnel.planner;

import dev.runnel.plan.WindowSpec;

/**
 * A {@code @WindowJoin} or {@code @IntervalJoin} method's inputs and windows or bounds as declared. That the inputs exist, are keyed by fields of one
 * type and carry event time is checked once every node is known ({@link JoinInputs}).
 *
 * @param left        the left node's name
 * @param right       the right node's name
 * @param leftType    the method's first parameter type
 * @param rightType   the method's second parameter type
 * @param takesWindow true when a third parameter takes the pair's {@code JoinWindow}
 * @param window      the tumbling windows the pairs meet in; null for an interval join
 * @param lowerBound  an interval join's lower bound in milliseconds; null for a window join
 * @param upperBound  an interval join's upper bound in milliseconds; null for a window join
 */
record JoinDeclaration(String left, String right, Class<?> leftType, Class<?> rightType, boolean takesWindow,
    WindowSpec window, Long lowerBound, Long upperBound) {}
