package dev.runnel.plan;

import java.util.Objects;

/**
 * The id field of a source's records ({@code @Source(idField)}): copies with the same id on a shard within the window
 * are applied once (docs/exactly-once.md, "Producer retries").
 *
 * @param field        the record field holding each record's id (a string or whole number)
 * @param windowMillis how long after the first copy of an id, in Kinesis arrival time, a later copy is dropped
 */
public record SourceIdSpec(String field, long windowMillis) {
  public SourceIdSpec {
    Objects.requireNonNull(field, "field");
    if (field.isEmpty()) {
      throw new IllegalArgumentException("an id field has a name");
    }
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("a dedup window is positive, not " + windowMillis + " ms");
    }
  }
}
