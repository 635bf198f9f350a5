package dev.runnel.examples.sessions;

import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A user's visit is a session: clicks no more than five minutes apart. When a session has been quiet for five
 * minutes of event time it is written out with its clicks and the pages they visited.
 *
 * <pre>
 * sessions-in ═(key: user)═▶ session [5-minute gap, all clicks] ─▶ user-sessions (table), console
 * </pre>
 */
@StreamingJob("sessions")
public class UserSessions {

  /** A click; {@code at} is when it happened, epoch milliseconds. */
  @Source(stream = "sessions-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT10S", idleAfter = "PT30S")
  @KeyBy("user")
  public record Click(String user, String page, long at) {}

  /**
   * One session of one user.
   *
   * @param id     user and start, e.g. {@code ana@2025-11-21T04:40:03.120Z}
   * @param start  the first click
   * @param end    five minutes after the last click, when the session closed
   * @param clicks how many clicks it had
   * @param pages  the pages visited, each once, sorted
   */
  public record Session(String id, String user, String start, String end, int clicks, List<String> pages) {}

  /** Summarizes one session from all its clicks. */
  @Window(from = "sessions-in", gap = "PT5M")
  @Sink(table = "user-sessions", key = "id")
  @Sink(name = "sessions-console", console = true)
  public Session session(Windowed<List<Click>> window) {
    String start = Instant.ofEpochMilli(window.start()).toString();
    List<String> pages = List.copyOf(new TreeSet<>(window.value().stream().map(Click::page).toList()));
    return new Session(window.key() + "@" + start, window.key(), start, Instant.ofEpochMilli(window.end()).toString(),
        window.value().size(), pages);
  }
}
