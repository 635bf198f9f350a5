package dev.runnel.localrunner.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Inputs for the tumbling-window jobs of the tests, and the counts a plain evaluation computes from them. */
final class WindowInputs {
  /**
   * A multiple of the window size, so windows start at BASE + n * 10 s; in the past (2023-11-14), since a source
   * rejects times more than a day ahead of their arrival (@EventTime(maxAhead)).
   */
  static final long BASE = 1_700_000_000_000L;
  /** The jobs' window length. */
  static final long SIZE_MILLIS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] KEYS = {"a", "b", "c", "d", "e"};

  private WindowInputs() {}

  /**
   * {@code events} events {"k", "at"}, one every 250 ms from BASE + 0.5 s, each moved by up to 0.4 s (under the
   * jobs' smallest bound on out-of-orderness, 1 s), keys a to e at random (seeded).
   */
  static List<String> events(int events, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      long at = BASE + 500 + i * 250L + random.nextInt(801) - 400;
      lines.add("{\"k\":\"" + KEYS[random.nextInt(KEYS.length)] + "\",\"at\":" + at + "}");
    }
    return lines;
  }

  /** The number of events of every key and window, by key@start. */
  static Map<String, Long> counts(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      JsonNode event = read(line);
      long at = event.get("at").asLong();
      long start = at - Math.floorMod(at, SIZE_MILLIS);
      counts.merge(event.get("k").asText() + "@" + start, 1L, Long::sum);
    }
    return counts;
  }

  /**
   * The items of a count sink by id (key@start), checking that each item's id, start and end agree.
   *
   * @throws AssertionError if one does not
   */
  static Map<String, Long> sinkCounts(List<String> items) {
    Map<String, Long> counts = new TreeMap<>();
    for (String item : items) {
      JsonNode count = read(item);
      String key = count.get("k").asText();
      long start = count.get("start").asLong();
      String id = count.get("id").asText();
      if (!id.equals(key + "@" + start) || count.get("end").asLong() != start + SIZE_MILLIS) {
        throw new AssertionError("a count item whose id, start and end disagree: " + item);
      }
      if (counts.put(id, count.get("count").asLong()) != null) {
        throw new AssertionError("two items for " + id);
      }
    }
    return counts;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
