package dev.runnel.faults.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;

/**
 * A keyed stage whose operator fails on some records: clicks repartitioned by user, counted per user, except that the
 * clicks of user {@code poison} throw, so they go to the dead letters from the keyed stage (every 37th line of the
 * bundled input). A copy of such a record (resent by its producer's retry, or sent by a zombie) must not add a second
 * dead letter.
 *
 * <pre>
 * poison-in ─▶ keyed ═(key: user)═▶ count [clicks] ─▶ poison-totals (table)
 * </pre>
 */
@StreamingJob("poison")
public class PoisonJob {
  /** A click. */
  @Source(stream = "poison-in", shards = 2)
  public record Click(String user, String page, long at) {}

  /** A user's clicks so far. */
  public record Total(String user, long clicks) {}

  @MapEach(from = "poison-in")
  @KeyBy("user")
  public Click keyed(Click click) {
    return click;
  }

  /** Counts the user's clicks; fails on the user {@code poison}. */
  @KeyedProcess(from = "keyed")
  @Sink(table = "poison-totals", key = "user")
  public Total count(Click click, @State("clicks") ValueState<Long> clicks) {
    if (click.user().equals("poison")) {
      throw new IllegalArgumentException("poisoned click");
    }
    long total = clicks.valueOr(0L) + 1;
    clicks.update(total);
    return new Total(click.user(), total);
  }
}
