package dev.runnel.faults.jobs;

import dev.runnel.faults.jobs.WindowedJob.Hit;
import dev.runnel.faults.run.InputWaves;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The input of {@link WindowedJob}, in the bundled file {@code runnel/inputs/windowed/windowed-in.jsonl}: 8 waves of
 * 50 s of event time each (blank lines between them), six users hitting in bursts (1-4 s apart, 3-8 hits) separated
 * by 25-45 s of silence and one ({@link #BEAT_USER}) every 4-6 s throughout, shuffled within each wave (less than the
 * job's 60 s bound on out-of-orderness), plus:
 * <ul>
 *   <li>three too-late hits of {@code late-user}, 10 minutes behind, first in waves 3, 5 and 7: late for every
 *       window (to both late nodes), and each alerts;</li>
 *   <li>one slightly late hit first in wave 4, 1 ms after a hit of the first wave: its ten-second window has closed
 *       (wave 3 settled at {@link #SETTLED_BEFORE_SLIGHTLY_LATE} or later) but is within its two minutes of lateness,
 *       so the window fires again ({@code firing} 1, count + 1); its session is closed, so it goes to the late
 *       sessions; its timer is past and fires in the next round;</li>
 *   <li>two lines without a readable event time (dead letters of the first stage), in waves 2 and 6.</li>
 * </ul>
 * Run {@code main} to rewrite the file; {@code WindowedFaultsTest} checks that it is current and as designed.
 */
public final class WindowedJobInput {
  /** Where the file is, relative to the module. */
  public static final Path FILE = Path.of("src/test/resources/runnel/inputs/windowed/windowed-in.jsonl");
  /** The start of event time, aligned to the windows. */
  public static final long T0 = 1_790_000_000_000L;
  /** The event time a wave spans. */
  public static final long WAVE_MILLIS = 50_000;
  /** How many waves. */
  public static final int WAVES = 8;
  /** A user hitting every 4-6 s from start to end: one long session, and hits at the end of every wave. */
  public static final String BEAT_USER = "beat";
  /** The user of the too-late hits. */
  public static final String LATE_USER = "late-user";
  /** The wave (0-based) whose first line is the slightly late hit. */
  public static final int SLIGHTLY_LATE_WAVE = 3;
  /** The waves (0-based) whose first line is a too-late hit. */
  public static final List<Integer> TOO_LATE_WAVES = List.of(2, 4, 6);
  /**
   * The watermark the wave before the slightly late hit must settle at: its end, less the bound on out-of-orderness,
   * less 20 s for a source shard whose newest hit is a little older than the wave's.
   */
  public static final long SETTLED_BEFORE_SLIGHTLY_LATE = T0 + SLIGHTLY_LATE_WAVE * WAVE_MILLIS
      - WindowedJob.MAX_OUT_OF_ORDERNESS - 20_000;

  private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4", "u5"};

  private WindowedJobInput() {}

  /** The waves as generated: lines in feeding order. */
  public static List<List<String>> generate() {
    Random random = new Random(2026);
    List<Hit> hits = new ArrayList<>();
    for (String user : USERS) {
      long t = T0 + random.nextInt(15_000);
      while (t < T0 + WAVES * WAVE_MILLIS) {
        int burst = 3 + random.nextInt(6);
        for (int i = 0; i < burst && t < T0 + WAVES * WAVE_MILLIS; i++) {
          hits.add(new Hit(user, t));
          t += 1_000 + random.nextInt(3_000);
        }
        t += 25_000 + random.nextInt(20_000);
      }
    }
    for (long t = T0 + 2_000; t < T0 + WAVES * WAVE_MILLIS; t += 4_000 + random.nextInt(2_000)) {
      hits.add(new Hit(BEAT_USER, t));
    }
    hits.sort(Comparator.comparingLong(Hit::at).thenComparing(Hit::user));
    Hit slightlyLate = slightlyLate(hits);
    List<List<String>> waves = new ArrayList<>();
    for (int wave = 0; wave < WAVES; wave++) {
      long from = T0 + wave * WAVE_MILLIS;
      List<Hit> own = new ArrayList<>(hits.stream().filter(h -> h.at() >= from && h.at() < from + WAVE_MILLIS)
          .toList());
      int first = (wave == SLIGHTLY_LATE_WAVE ? 1 : 0) + (TOO_LATE_WAVES.contains(wave) ? 1 : 0);
      for (int attempt = 0; attempt == 0 || (wave == SLIGHTLY_LATE_WAVE - 1
          && !bothShardsNear(own, first, from + WAVE_MILLIS - 20_000)); attempt++) {
        if (attempt == 100) {
          throw new IllegalStateException("wave " + wave + " cannot put a recent hit into both shards");
        }
        Collections.shuffle(own, random);
      }
      List<String> lines = new ArrayList<>();
      if (wave == SLIGHTLY_LATE_WAVE) {
        lines.add(json(slightlyLate));
      }
      if (TOO_LATE_WAVES.contains(wave)) {
        lines.add(json(new Hit(LATE_USER, T0 - 600_000 + 30_000L * TOO_LATE_WAVES.indexOf(wave))));
      }
      own.forEach(hit -> lines.add(json(hit)));
      if (wave == 1) {
        lines.add(lines.size() / 2, "{\"user\":\"u1\",\"at\":\"soon\"}");
      }
      if (wave == 5) {
        lines.add(lines.size() / 2, "BROKEN {\"user\":");
      }
      waves.add(lines);
    }
    return waves;
  }

  /**
   * The slightly late hit: 1 ms after the first hit in [T0 + 30 s, T0 + 50 s) whose ten-second window it stays in
   * (so that window has on-time hits and fires again). Its window ends at T0 + 40 s or later, so with 2 minutes of
   * lateness it is still open while wave 4 is applied (watermark below T0 + 150 s); it and its timer (+ 20 s) are at
   * or below the watermark wave 3 settles at (T0 + 70 s), so it is late for its session and its timer is past.
   */
  private static Hit slightlyLate(List<Hit> hits) {
    for (Hit hit : hits) {
      long at = hit.at() + 1;
      if (hit.at() >= T0 + 30_000 && at + WindowedJob.SILENCE <= SETTLED_BEFORE_SLIGHTLY_LATE
          && Math.floorMod(at, WindowedJob.SIZE) != 0) {
        return new Hit(hit.user(), at);
      }
    }
    throw new IllegalStateException("no hit to follow slightly late");
  }

  /**
   * True when the hits, fed after {@code first} other lines, put a hit at {@code from} or later into each of the two
   * shards, so the wave's watermark settles at {@code from} less the bound or higher.
   */
  private static boolean bothShardsNear(List<Hit> hits, int first, long from) {
    boolean[] near = new boolean[2];
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).at() >= from) {
        near[shardOfLine(first + i + 1)] = true;
      }
    }
    return near[0] && near[1];
  }

  /** The file's text: the waves' lines, a blank line between waves. */
  public static String text(List<List<String>> waves) {
    StringBuilder text = new StringBuilder();
    for (List<String> wave : waves) {
      if (text.length() > 0) {
        text.append('\n');
      }
      wave.forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }

  /** The bundled file's text. */
  public static String bundled() {
    try (InputStream in = WindowedJobInput.class.getClassLoader()
        .getResourceAsStream("runnel/inputs/windowed/windowed-in.jsonl")) {
      if (in == null) {
        throw new IllegalStateException("the bundled input of the windowed job is missing; run WindowedJobInput");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled file as waves, the one before the slightly late hit required to settle high enough. */
  public static InputWaves waves() {
    return InputWaves.parse("windowed-in", bundled())
        .settledAtLeast(SLIGHTLY_LATE_WAVE - 1, SETTLED_BEFORE_SLIGHTLY_LATE);
  }

  /** The shard (0 or 1) of a two-shard stream that line {@code lineNumber} (1-based) of a wave is fed into. */
  public static int shardOfLine(int lineNumber) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(Integer.toString(lineNumber)
          .getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, md5).compareTo(BigInteger.ONE.shiftLeft(127)) < 0 ? 0 : 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the file. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, text(generate()));
  }

  /** The JSON line of a hit. */
  public static String json(Hit hit) {
    return "{\"user\":\"" + hit.user() + "\",\"at\":" + hit.at() + "}";
  }
}
