package dev.runnel.plan;

import java.util.List;
import java.util.Objects;

/**
 * Keyed state declared by an operator of a keyed stage. All states of one key in one stage are stored together, in
 * one item of the state table, so a batch writes each changed key once.
 *
 * @param name          the state's name, unique in its operator
 * @param operator      the operator that owns it
 * @param kind          the handle kind
 * @param table         the state table holding it
 * @param typeArguments the handle's type arguments as canonical Java type names, e.g. {@code ["java.lang.Long"]}
 *                      for a {@code ValueState<Long>}; for an aggregating state, its function's accumulator type
 * @param function      the reduce or aggregate function class, or null
 * @param ttlSeconds    how long a key's state is kept after its last update, 0 for forever
 */
public record StateSpec(
    String name, String operator, StateKind kind, String table, List<String> typeArguments, String function,
    long ttlSeconds) {
  public StateSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    typeArguments = List.copyOf(typeArguments);
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttlSeconds of state " + name + " is negative");
    }
  }
}
