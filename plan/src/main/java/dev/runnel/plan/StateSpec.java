package dev.runnel.plan;

import java.util.Objects;

/**
 * Keyed state declared by an operator of a keyed stage. Reserved for the exactly-once issue; planners of this
 * version emit none.
 *
 * @param name     the state's name, unique in the stage
 * @param operator the operator that owns it
 * @param kind     value, map, list, reducing or aggregating
 * @param table    the state table holding it
 * @param ttlSeconds time to live of an entry after its last write, 0 for none
 */
public record StateSpec(String name, String operator, String kind, String table, long ttlSeconds) {
  public StateSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
  }
}
