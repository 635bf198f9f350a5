package dev.runnel.testdriver.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.ValueState;
import java.util.Optional;

/**
 * A reminder ten minutes of processing time after a user's last cart event, with how many items they added: a
 * processing-time timer moved on each event.
 */
@StreamingJob("carts")
public class CartReminders {
  /** How long after the last event the reminder goes out. */
  public static final long QUIET_MILLIS = 10 * 60_000;

  /** An item added to a user's cart. */
  @Source(stream = "carts-in", shards = 2)
  @KeyBy("user")
  public record Added(String user, String item) {}

  /** The reminder sent to {@code user} at processing time {@code at}. */
  public record Reminder(String user, long items, long at) {}

  /** Counts the user's items and moves their reminder to ten minutes from now. */
  @KeyedProcess(from = "carts-in")
  @Sink(name = "reminders", console = true)
  public Optional<Reminder> track(Added added, @State("items") ValueState<Long> items,
      @State("due") ValueState<Long> due, Timers timers) {
    items.update(items.valueOr(0L) + 1);
    if (due.value() != null) {
      timers.deleteProcessingTimeTimer(due.value());
    }
    long at = timers.currentProcessingTime() + QUIET_MILLIS;
    timers.registerProcessingTimeTimer(at);
    due.update(at);
    return Optional.empty();
  }

  /** Sends the reminder and forgets the cart. */
  @OnTimer("track")
  public Optional<Reminder> remind(Timer timer, @State("items") ValueState<Long> items,
      @State("due") ValueState<Long> due) {
    Reminder reminder = new Reminder(timer.key(), items.valueOr(0L), timer.time());
    items.clear();
    due.clear();
    return Optional.of(reminder);
  }
}
