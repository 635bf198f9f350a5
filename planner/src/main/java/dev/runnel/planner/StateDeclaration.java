package dev.runnel.planner;

import dev.runnel.plan.StateKind;
import java.util.List;

/**
 * A keyed state as declared on an operator: a {@code @State} handle parameter, or a {@code @Reduce} operator's
 * running value.
 *
 * @param name          the state's name
 * @param kind          the handle kind
 * @param typeArguments the canonical type names the stored JSON decodes into
 * @param function      the reduce or aggregate function class name, or null
 * @param ttlSeconds    0 for forever
 */
record StateDeclaration(String name, StateKind kind, List<String> typeArguments, String function, long ttlSeconds) {}
