package dev.runnel.examples.sessions;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.sessions.UserSessions.Click;
import dev.runnel.examples.sessions.UserSessions.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the bundled input of {@link UserSessions}: 12 users over 20 minutes, each in bursts of clicks up to a
 * minute apart, separated by quiet spells of 6 to 10 minutes (longer than the 5-minute gap), out of order by less
 * than the job's 10 seconds. Run {@code main} to rewrite the file; {@code UserSessionsInputTest} checks it is
 * current.
 */
public final class UserSessionsInput {
  static final BundledInput FILE = new BundledInput("sessions", "sessions-in");
  static final long START = 1_763_700_000_000L; // 2025-11-21T04:40:00Z
  static final long SPAN = 20 * 60_000L;
  static final long OUT_OF_ORDER_MILLIS = 10_000;
  /** The job's session gap. */
  static final long GAP = 5 * 60_000;
  private static final String[] USERS = {"ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana", "ivo", "jo",
      "kim", "lev"};
  private static final String[] PAGES = {"/", "/pricing", "/docs", "/docs/windows", "/blog", "/signup", "/careers"};

  private UserSessionsInput() {}

  /** The clicks, in input order. */
  static List<Click> clicks() {
    Random random = new Random(300);
    List<Click> clicks = new ArrayList<>();
    for (String user : USERS) {
      long at = START + random.nextLong(4 * 60_000L);
      while (at < START + SPAN) {
        int burst = 3 + random.nextInt(22);
        for (int i = 0; i < burst && at < START + SPAN; i++) {
          clicks.add(new Click(user, PAGES[random.nextInt(PAGES.length)], at));
          at += 2_000 + random.nextLong(58_000);
        }
        at += 6 * 60_000L + random.nextLong(4 * 60_000L);
      }
    }
    clicks.sort(Comparator.comparingLong(Click::at));
    return OutOfOrder.shuffle(clicks, Click::at, OUT_OF_ORDER_MILLIS - 1_000, random);
  }

  /**
   * The reference of the job's output: each user's clicks sorted by time, split wherever two clicks are five minutes
   * or more apart, each part one session.
   */
  static List<Session> sessions(List<Click> clicks) {
    Map<String, List<Click>> byUser = new TreeMap<>();
    clicks.forEach(click -> byUser.computeIfAbsent(click.user(), u -> new ArrayList<>()).add(click));
    List<Session> sessions = new ArrayList<>();
    byUser.forEach((user, own) -> {
      List<Click> sorted = new ArrayList<>(own);
      sorted.sort(Comparator.comparingLong(Click::at));
      List<Click> current = new ArrayList<>();
      for (Click click : sorted) {
        if (!current.isEmpty() && click.at() - current.get(current.size() - 1).at() >= GAP) {
          sessions.add(session(user, current));
          current = new ArrayList<>();
        }
        current.add(click);
      }
      sessions.add(session(user, current));
    });
    return sessions;
  }

  private static Session session(String user, List<Click> clicks) {
    String start = Instant.ofEpochMilli(clicks.get(0).at()).toString();
    String end = Instant.ofEpochMilli(clicks.get(clicks.size() - 1).at() + GAP).toString();
    List<String> pages = List.copyOf(new TreeSet<>(clicks.stream().map(Click::page).toList()));
    return new Session(user + "@" + start, user, start, end, clicks.size(), pages);
  }

  public static void main(String[] args) throws Exception {
    FILE.write(clicks());
  }
}
