package dev.runnel.functions.kafka;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of sending a list of records to a topic.
 *
 * @param failed   the indexes, in the list given to the writer, of records not written for a reason that may pass
 *                 (a timeout, a leader moving): the batch is retried
 * @param rejected the indexes of records the producer or broker refused for a reason about the record itself (too
 *                 large, invalid), each with what was refused where: retrying cannot help, they go to the dead letters
 */
public record TopicWrite(Set<Integer> failed, Map<Integer, String> rejected) {
  /** Everything written. */
  public static final TopicWrite COMPLETE = new TopicWrite(Set.of(), Map.of());

  public TopicWrite {
    failed = Set.copyOf(failed);
    rejected = Map.copyOf(rejected);
  }

  /** True when every record was written. */
  public boolean complete() {
    return failed.isEmpty() && rejected.isEmpty();
  }
}
