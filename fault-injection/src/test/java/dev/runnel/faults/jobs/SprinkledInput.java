package dev.runnel.faults.jobs;

import dev.runnel.localrunner.input.InputSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded input for {@link SprinkledJob}: {@link #GOOD} good readings over {@link #KEYS} keys, with bad records of
 * every {@link BadKind} inserted at random positions, and what the job must make of it, computed from the lines alone
 * (not by running the job): the payloads of {@code sprinkled-out} and the dead letters by stage, error type and
 * payload.
 *
 * <p>Every bad record's line is unique, except {@link BadKind#TOO_MUCH_STATE}: the {@code grow} readings of a heavy
 * key are all alike, so which of them comes third (the first one dead-lettered) may differ between runs, since they
 * reach the keyed stage from two source shards in no fixed order; what must hold is that a heavy key with g of them
 * has g - 2 dead-lettered, whichever they are.
 *
 * @param seed  the seed the input was drawn from
 * @param lines the input lines, in feed order
 * @param bad   how many records of each kind were sprinkled in
 */
public record SprinkledInput(long seed, List<String> lines, Map<BadKind, Integer> bad) {
  /** Good readings per input. */
  public static final int GOOD = 120;
  /** Keys the good readings are spread over. */
  public static final int KEYS = 5;
  /** Keys that receive only {@code grow} readings: the first 3 (one dead-lettered), the second 1 to 3. */
  public static final int HEAVY_KEYS = 2;
  /** Stage index (in the plan) of the stateless first stage. */
  public static final int FIRST = 0;
  /** Stage index of the keyed stage. */
  public static final int KEYED = 1;

  /**
   * The ways a record is made bad, with the stage (index) it fails in, the error type it is dead-lettered with and the
   * value of its {@code bad} field (null: the line itself is bad).
   */
  public enum BadKind {
    /** A line that is not JSON at all. */
    MALFORMED(FIRST, "decode", null),
    /** {@code amount} is a word, not a number. */
    WRONG_TYPE(FIRST, "decode", null),
    /** The first stage's operator throws. */
    THROWS_FIRST(FIRST, "operator", "throw-first"),
    /** The keyed stage's operator throws. */
    THROWS_KEYED(KEYED, "operator", "throw-keyed"),
    /** The first (stateless) stage throws an {@link InternalError}: narrowed within the invocation. */
    INTERNAL_FIRST(FIRST, "attempts", "internal-first"),
    /** The keyed stage throws an {@link InternalError}: counted in the checkpoint, narrowed after 3 attempts. */
    INTERNAL_KEYED(KEYED, "attempts", "internal-keyed"),
    /** A third {@code grow} reading of a heavy key: its state would exceed 4 MB. */
    TOO_MUCH_STATE(KEYED, "state", "grow");

    private final int stage;
    private final String errorType;
    private final String field;

    BadKind(int stage, String errorType, String field) {
      this.stage = stage;
      this.errorType = errorType;
      this.field = field;
    }

    /** The index of the stage it fails in. */
    public int stage() {
      return stage;
    }

    /** The error type of its dead letter. */
    public String errorType() {
      return errorType;
    }
  }

  /**
   * An expected dead letter.
   *
   * @param kind    why
   * @param payload the record's line
   */
  public record ExpectedDeadLetter(BadKind kind, String payload) {}

  public SprinkledInput {
    lines = List.copyOf(lines);
    bad = Map.copyOf(bad);
  }

  /** The input drawn from {@code seed}. */
  public static SprinkledInput generate(long seed) {
    Random random = new Random(new SplittableRandom(seed ^ 0x5EED5EEDL).nextLong());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      lines.add(reading("g" + i, "k" + random.nextInt(KEYS), 1 + random.nextInt(100), null));
    }
    Map<BadKind, Integer> counts = new EnumMap<>(BadKind.class);
    int id = 0;
    for (BadKind kind : BadKind.values()) {
      if (kind == BadKind.TOO_MUCH_STATE) {
        continue;
      }
      int n = 1 + random.nextInt(2);
      counts.put(kind, n);
      for (int j = 0; j < n; j++) {
        String badId = "bad" + id++;
        String key = "k" + random.nextInt(KEYS);
        String line = switch (kind) {
          case MALFORMED -> "{\"id\":\"" + badId + "\",\"key\":\"" + key + "\",\"amount\":";
          case WRONG_TYPE -> "{\"id\":\"" + badId + "\",\"key\":\"" + key + "\",\"amount\":\"lots\"}";
          default -> reading(badId, key, 1, kind.field);
        };
        lines.add(random.nextInt(lines.size() + 1), line);
      }
    }
    int tooMuch = 0;
    for (int h = 0; h < HEAVY_KEYS; h++) {
      int grows = h == 0 ? 3 : 1 + random.nextInt(3);
      tooMuch += Math.max(0, grows - 2);
      for (int j = 0; j < grows; j++) {
        lines.add(random.nextInt(lines.size() + 1), grow(h));
      }
    }
    counts.put(BadKind.TOO_MUCH_STATE, tooMuch);
    return new SprinkledInput(seed, lines, counts);
  }

  private static String reading(String id, String key, long amount, String bad) {
    return "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"amount\":" + amount
        + (bad == null ? "" : ",\"bad\":\"" + bad + "\"") + "}";
  }

  private static String grow(int heavy) {
    return reading("grow-heavy" + heavy, "heavy" + heavy, 1, BadKind.TOO_MUCH_STATE.field);
  }

  /** The dead letters the input must produce, kind and payload, in no particular order. */
  public List<ExpectedDeadLetter> deadLetters() {
    List<ExpectedDeadLetter> expected = new ArrayList<>();
    Map<String, Integer> grows = new HashMap<>();
    for (String line : lines) {
      BadKind kind = kindOf(line);
      if (kind == BadKind.TOO_MUCH_STATE) {
        if (grows.merge(line, 1, Integer::sum) > 2) {
          expected.add(new ExpectedDeadLetter(kind, line));
        }
      } else if (kind != null) {
        expected.add(new ExpectedDeadLetter(kind, line));
      }
    }
    return expected;
  }

  /** The kind of bad record {@code line} is, or null for a good reading (a {@code grow} counts as bad). */
  public static BadKind kindOf(String line) {
    if (!line.endsWith("}")) {
      return BadKind.MALFORMED;
    }
    if (line.contains("\"lots\"")) {
      return BadKind.WRONG_TYPE;
    }
    for (BadKind kind : BadKind.values()) {
      if (kind.field != null && line.contains("\"bad\":\"" + kind.field + "\"")) {
        return kind;
      }
    }
    return null;
  }

  /**
   * The payloads {@code sprinkled-out} must hold once duplicates are dropped: per key, its running count 1..n with the
   * number of blobs it holds (a heavy key's first two {@code grow} readings each add one; the rest are
   * dead-lettered). Order-free, so it holds whatever order a key's readings arrive in.
   */
  public List<String> outputs() {
    Map<String, Integer> applied = new TreeMap<>();
    for (String line : lines) {
      BadKind kind = kindOf(line);
      if (kind == null) {
        applied.merge(keyOf(line), 1, Integer::sum);
      }
    }
    List<String> outputs = new ArrayList<>();
    applied.forEach((key, n) -> {
      for (int i = 1; i <= n; i++) {
        outputs.add(total(key, i, 0));
      }
    });
    Map<String, Integer> grows = new TreeMap<>();
    lines.stream().filter(l -> kindOf(l) == BadKind.TOO_MUCH_STATE).forEach(l -> grows.merge(keyOf(l), 1,
        Integer::sum));
    grows.forEach((key, n) -> {
      for (int i = 1; i <= Math.min(2, n); i++) {
        outputs.add(total(key, i, i));
      }
    });
    return outputs;
  }

  private static String total(String key, long readings, int blobs) {
    return "{\"key\":\"" + key + "\",\"readings\":" + readings + ",\"blobs\":" + blobs + "}";
  }

  private static String keyOf(String line) {
    int start = line.indexOf("\"key\":\"") + 7;
    return line.substring(start, line.indexOf('"', start));
  }

  /** The input source feeding the lines to {@code sprinkled-in}. */
  public InputSource source() {
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    return new InputSource("sprinkled-in", "sprinkled input of seed " + seed, () -> new ByteArrayInputStream(bytes));
  }
}
