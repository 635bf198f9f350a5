package dev.runnel.faults.jobs;

import dev.runnel.localrunner.input.InputSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input of {@link JoinedJob}, generated (seeded): 240 persons and 240 auctions over two minutes of event time,
 * one of each every 500 ms, each up to 1 s out of order (half the job's bound, so none is late whatever the order
 * in which the join stage reads both sides); person i has id i, and auction i is sold by one of the 16 persons before
 * it, so about half of the auctions meet their seller in a window; one line of each source is not JSON (a dead
 * letter of its source stage).
 */
public final class JoinedJobInput {
  /** The start of event time, aligned to the windows. */
  public static final long T0 = 1_790_000_000_000L;
  private static final int RECORDS = 240;
  /** An auction's seller is one of the persons of the last 8 seconds (the persons new just before it). */
  private static final int SELLERS_BACK = 16;

  private JoinedJobInput() {}

  /** The persons' lines, in feeding order. */
  public static List<String> persons() {
    Random random = new Random(1601);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      lines.add("{\"id\":" + i + ",\"name\":\"p" + i + "\",\"at\":" + at(i, random) + "}");
    }
    lines.add(RECORDS / 2, "BROKEN {\"id\":");
    return lines;
  }

  /** The auctions' lines, in feeding order. */
  public static List<String> auctions() {
    Random random = new Random(1602);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      lines.add("{\"id\":" + (1000 + i) + ",\"seller\":" + Math.max(0, i - random.nextInt(SELLERS_BACK))
          + ",\"at\":" + at(i, random) + "}");
    }
    lines.add(RECORDS / 3, "{\"id\":1,\"seller\":");
    return lines;
  }

  private static long at(int i, Random random) {
    return T0 + i * 500L + random.nextInt(1_000);
  }

  /** Both inputs as sources of the job's streams. */
  public static List<InputSource> sources() {
    return List.of(source("joined-persons", persons()), source("joined-auctions", auctions()));
  }

  private static InputSource source(String stream, List<String> lines) {
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    return new InputSource(stream, "generated " + stream, () -> new ByteArrayInputStream(bytes));
  }

  /** The pairs a nested loop over both inputs finds, as person@auction@windowStart. */
  public static Set<String> expectedPairs() {
    Set<String> pairs = new TreeSet<>();
    for (String person : persons()) {
      for (String auction : auctions()) {
        long[] p = fields(person, "\"id\":", "\"at\":");
        long[] a = fields(auction, "\"seller\":", "\"at\":");
        long[] id = fields(auction, "\"id\":", "\"id\":");
        if (p != null && a != null && p[0] == a[0] && start(p[1]) == start(a[1])) {
          pairs.add(p[0] + "@" + id[0] + "@" + start(p[1]));
        }
      }
    }
    return pairs;
  }

  /** The pairs a nested loop over both inputs finds with {@code lower ≤ auction.at - person.at ≤ upper}, as person@auction. */
  public static Set<String> expectedIntervalPairs(long lower, long upper) {
    Set<String> pairs = new TreeSet<>();
    for (String person : persons()) {
      for (String auction : auctions()) {
        long[] p = fields(person, "\"id\":", "\"at\":");
        long[] a = fields(auction, "\"seller\":", "\"at\":");
        long[] id = fields(auction, "\"id\":", "\"id\":");
        if (p != null && a != null && p[0] == a[0] && a[1] - p[1] >= lower && a[1] - p[1] <= upper) {
          pairs.add(p[0] + "@" + id[0]);
        }
      }
    }
    return pairs;
  }

  private static long start(long at) {
    return at - Math.floorMod(at, JoinedJob.SIZE);
  }

  /** The two long fields of a generated line, or null for a broken one. */
  private static long[] fields(String line, String first, String second) {
    if (!line.endsWith("}")) {
      return null;
    }
    return new long[] {number(line, first), number(line, second)};
  }

  private static long number(String line, String field) {
    int from = line.indexOf(field) + field.length();
    int to = from;
    while (to < line.length() && (Character.isDigit(line.charAt(to)) || line.charAt(to) == '-')) {
      to++;
    }
    return Long.parseLong(line.substring(from, to));
  }
}
