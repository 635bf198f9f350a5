package dev.runnel.functions.timers;

import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.functions.state.StageStates.ValueStateAccess;
import dev.runnel.functions.time.StageClock;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@link Timers} of one process operator for the current key: the key's timers are one state entry (a sorted
 * set), and each registration also notes a timer index entry so a firing round finds the key.
 */
public final class TimersHandle implements Timers {
  private final ValueStateAccess stored;
  private final StageClock clock;

  /** A handle over the key's stored timers, on the stage's clock. */
  public TimersHandle(ValueStateAccess stored, StageClock clock) {
    this.stored = stored;
    this.clock = clock;
  }

  @Override
  public long recordTime() {
    return clock.recordTime();
  }

  @Override
  public long currentWatermark() {
    return clock.watermark();
  }

  @Override
  public long currentProcessingTime() {
    return clock.processingTime();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    register(new KeyTimer(Timer.Domain.EVENT_TIME, time), TimerEntry.Domain.EVENT_TIME);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    register(new KeyTimer(Timer.Domain.PROCESSING_TIME, time), TimerEntry.Domain.PROCESSING_TIME);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    delete(new KeyTimer(Timer.Domain.EVENT_TIME, time));
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    delete(new KeyTimer(Timer.Domain.PROCESSING_TIME, time));
  }

  /** The current key's timers due at {@code watermark} (event time) or {@code processingTime}, removed from it. */
  public List<KeyTimer> takeDue(long watermark, long processingTime) {
    TreeSet<KeyTimer> timers = timers();
    List<KeyTimer> due = new ArrayList<>();
    for (KeyTimer timer : timers) {
      long now = timer.domain() == Timer.Domain.EVENT_TIME ? watermark : processingTime;
      if (now != StageClock.NONE && timer.time() <= now) {
        due.add(timer);
      }
    }
    if (!due.isEmpty()) {
      due.forEach(timers::remove);
      save(timers);
    }
    return due;
  }

  private void register(KeyTimer timer, TimerEntry.Domain domain) {
    TreeSet<KeyTimer> timers = timers();
    if (timers.add(timer)) {
      save(timers);
      clock.register(domain, timer.time());
    }
  }

  private void delete(KeyTimer timer) {
    TreeSet<KeyTimer> timers = timers();
    if (timers.remove(timer)) {
      save(timers);
    }
  }

  @SuppressWarnings("unchecked")
  private TreeSet<KeyTimer> timers() {
    Object value = stored.get();
    return value == null ? new TreeSet<>() : new TreeSet<>((List<KeyTimer>) value);
  }

  private void save(TreeSet<KeyTimer> timers) {
    stored.set(timers.isEmpty() ? null : List.copyOf(timers));
  }
}
