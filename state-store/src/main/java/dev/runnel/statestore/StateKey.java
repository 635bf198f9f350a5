package dev.runnel.statestore;

import java.util.Objects;

/**
 * One key of one stage: the unit of state, of atomicity and of conflicts. All the states a stage keeps for this record
 * key live together, so a batch writes each distinct key at most once.
 *
 * @param stage the stage id (as in the plan, {@code <job>-<n>}); never empty and never holding {@code '|'} or
 *              {@code '#'}, which separate it from the key in DynamoDB
 * @param key   the record key, any string
 */
public record StateKey(String stage, String key) {

  public StateKey {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(key, "key");
    if (stage.isEmpty() || stage.indexOf('|') >= 0 || stage.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a stage id must be non-empty and hold neither '|' nor '#': \"" + stage + "\"");
    }
  }

  /** {@code stage/key}, for messages. */
  @Override
  public String toString() {
    return stage + "/" + key;
  }
}
