package dev.runnel.faults.jobs;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.MapState;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;
import java.util.Optional;

/**
 * The windows-and-timers job of the fault tests, modelled on the functions module's {@code WindowJob}: hits of users
 * with an event time, from a source with two shards, repartitioned by user; per user, ten-second hit counts (tumbling,
 * two minutes of allowed lateness, too-late hits to a late node), sessions (gap 8 s, full window, too-late hits to a
 * late node) and an event-time timer 20 s after each hit that alerts when the user went silent (plus a
 * processing-time timer a second after each hit arrived, which fires nothing but gives ticks rounds to fire, and is
 * left out of the comparison with the clock it follows). Counts go to a table
 * (the latest firing of each window) and a stream (every firing), sessions and late hits to streams, late session
 * hits and alerts to tables. Five streams at most: kinesis-local refuses more than five concurrent CreateStream calls,
 * as Kinesis does.
 *
 * <pre>
 * windowed-in ─▶ keyed ═(key: user)═▶ tenSeconds [10 s, lateness 2 min] ─▶ windowed-counts, windowed-counts-out
 *                                  │               └─ late ─▶ windowed-late-out
 *                                  ├─▶ sessions [gap 8 s] ─▶ windowed-sessions-out
 *                                  │     └─ late ─▶ windowed-late-sessions
 *                                  └─▶ silence [event-time timer at + 20 s, processing-time timer] ─▶ windowed-alerts
 * </pre>
 *
 * <p>The source's bound on out-of-orderness (60 s) is larger than a wave of the test input (50 s of event time), so
 * no on-time hit can be late whatever the timing (see {@code InputWaves}). The state it keeps is independent of the
 * order in which hits of one key arrive (a map of event times), so two runs must end with the same state.
 */
@StreamingJob("windowed")
public class WindowedJob {
  /** The stage reading the source: it only re-keys. */
  public static final String SOURCE_STAGE = "windowed-1";
  /** The keyed stage, which holds the windows and timers. */
  public static final String KEYED_STAGE = "windowed-2";
  /** The source's bound on out-of-orderness. */
  public static final long MAX_OUT_OF_ORDERNESS = 60_000;
  /** The tumbling windows' size. */
  public static final long SIZE = 10_000;
  /** The tumbling windows' allowed lateness. */
  public static final long LATENESS = 120_000;
  /** The sessions' gap. */
  public static final long GAP = 8_000;
  /** How long after a hit the silence timer fires. */
  public static final long SILENCE = 20_000;

  /** A hit of a user at an event time, epoch milliseconds. */
  @Source(stream = "windowed-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT60S")
  public record Hit(String user, long at) {}

  /** A ten-second window's count; {@code firing} 0 when the window closed, 1, 2... for each late correction. */
  public record Count(String id, String user, long start, long end, long n, int firing) {}

  /** A user's session. */
  public record Session(String user, long start, long end, int hits) {}

  /** A hit too late for its session. */
  public record LateHit(String id, String user, long at) {}

  /** A user went silent after a hit at {@code silentSince}. */
  public record Alert(String id, String user, long silentSince) {}

  @MapEach(from = "windowed-in")
  @KeyBy("user")
  public Hit keyed(Hit hit) {
    return hit;
  }

  @Window(from = "keyed", size = "PT10S", lateness = "PT2M", late = "tooLate")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(table = "windowed-counts", key = "id")
  @Sink(stream = "windowed-counts-out", key = "user")
  public Count tenSeconds(Windowed<Long> window) {
    return new Count(window.key() + "@" + window.start(), window.key(), window.start(), window.end(), window.value(),
        window.firing());
  }

  @MapEach(from = "tooLate")
  @Sink(stream = "windowed-late-out", key = "user")
  public Hit late(Hit hit) {
    return hit;
  }

  @Window(from = "keyed", gap = "PT8S", late = "lateForSessions")
  @Sink(stream = "windowed-sessions-out", key = "user")
  public Session sessions(Windowed<List<Hit>> window) {
    return new Session(window.key(), window.start(), window.end(), window.value().size());
  }

  @MapEach(from = "lateForSessions")
  @Sink(table = "windowed-late-sessions", key = "id")
  public LateHit lateSession(Hit hit) {
    return new LateHit(hit.user() + "@" + hit.at(), hit.user(), hit.at());
  }

  /**
   * Remembers the user's event times (how many hits at each) and sets an event-time timer 20 s after each, and a
   * processing-time timer a second after the hit arrived, which fires nothing: it makes ticks fire rounds (a shard
   * that goes quiet has its processing-time timers fired by ticks) without making the output depend on the clock.
   */
  @KeyedProcess(from = "keyed")
  @Sink(table = "windowed-alerts", key = "id")
  public Optional<Alert> silence(Hit hit, @State("times") MapState<Long, Integer> times, Timers timers) {
    Integer before = times.get(hit.at());
    times.put(hit.at(), before == null ? 1 : before + 1);
    timers.registerEventTimeTimer(hit.at() + SILENCE);
    timers.registerProcessingTimeTimer(timers.currentProcessingTime() + 1_000);
    return Optional.empty();
  }

  /** At t + 20 s every hit up to then has arrived: alert when none came after t. Processing-time timers do nothing. */
  @OnTimer("silence")
  public Optional<Alert> silent(Timer timer, @State("times") MapState<Long, Integer> times) {
    if (timer.domain() == Timer.Domain.PROCESSING_TIME) {
      return Optional.empty();
    }
    long since = timer.time() - SILENCE;
    boolean heard = times.entries().keySet().stream().anyMatch(t -> t > since && t <= timer.time());
    return heard ? Optional.empty() : Optional.of(new Alert(timer.key() + "@" + since, timer.key(), since));
  }
}
