package dev.runnel.faults.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.ListState;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * A stateless stage, then a keyed stateful one, whose records can be made bad by their {@code bad} field, in each
 * stage, the ways poison isolation must handle (see {@link SprinkledInput.BadKind}): an operator that throws (dead-lettered
 * at once), an {@link InternalError} (an unknown failure: counted, narrowed, dead-lettered {@code attempts}), and
 * {@code grow}, which adds 1.5 MB to its key's state, so the third on a key would make it too large to store
 * ({@code state}). Malformed lines and wrong-typed fields fail to decode in the first stage. Every output is
 * independent of the order in which a key's records arrive from the two source shards: a key's running count, and
 * how many blobs it holds ({@code grow} records go to keys of their own).
 *
 * <pre>
 * sprinkled-in ─▶ checked ═(key: key)═▶ total [readings, amount, blobs] ─▶ sprinkled-out (stream)
 * </pre>
 */
@StreamingJob("sprinkled")
public class SprinkledJob {
  /** Size of the blob a {@code grow} record adds to its key's state: two fit in 4 MB, three do not. */
  public static final int BLOB_CHARS = 1_500_000;

  /** A reading; {@code bad} names how it misbehaves, or is null. */
  @Source(stream = "sprinkled-in", shards = 2)
  public record Reading(String id, String key, long amount, String bad) {}

  /** A key's running totals after a reading. */
  public record Total(String key, long readings, int blobs) {}

  /** Passes the reading on, keyed; fails on {@code throw-first} and {@code internal-first}. */
  @MapEach(from = "sprinkled-in")
  @KeyBy("key")
  public Reading checked(Reading reading) {
    if ("throw-first".equals(reading.bad())) {
      throw new IllegalArgumentException("reading " + reading.id() + " refused by the first stage");
    }
    if ("internal-first".equals(reading.bad())) {
      throw new InternalError("simulated VM fault in the first stage, reading " + reading.id());
    }
    return reading;
  }

  /** Counts the key's readings and sums their amounts; fails on {@code throw-keyed}, {@code internal-keyed}. */
  @KeyedProcess(from = "checked")
  @Sink(stream = "sprinkled-out", key = "key")
  public Total total(Reading reading, @State("readings") ValueState<Long> readings,
      @State("amount") ValueState<Long> amount, @State("blobs") ListState<String> blobs) {
    if ("throw-keyed".equals(reading.bad())) {
      throw new IllegalStateException("reading " + reading.id() + " refused by the keyed stage");
    }
    if ("internal-keyed".equals(reading.bad())) {
      throw new InternalError("simulated VM fault in the keyed stage, reading " + reading.id());
    }
    if ("grow".equals(reading.bad())) {
      blobs.add("x".repeat(BLOB_CHARS));
    }
    readings.update(readings.valueOr(0L) + 1);
    amount.update(amount.valueOr(0L) + reading.amount());
    return new Total(reading.key(), readings.value(), blobs.get().size());
  }
}
