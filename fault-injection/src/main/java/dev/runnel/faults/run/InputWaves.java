package dev.runnel.faults.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input of a job with windows or timers, fed in waves: each wave after the first is fed only once the job has
 * settled on everything before it (every record applied by every stage, every windowed stage's watermark caught up
 * with what its upstream stages published, no firing round pending). See {@link FaultHarness}.
 *
 * <p>Why: records on time at the source are on time everywhere (watermarks travel in band, after the records they
 * cover), but records meant to be late are only late downstream once the stage has read every upstream shard's
 * announcement past them: a keyed shard's watermark is the minimum of what its upstream shards announced to it, so
 * whether such a record is late, or whether the window a slightly late record falls in has already fired, depends on
 * which announcements were read first. Fed in waves, each wave meets a settled watermark, so a failure-free run can
 * serve as the reference. Within a wave whose event times span less than the source's {@code maxOutOfOrderness}, no
 * on-time record can fall behind a watermark; records meant to be late go at the start of a later wave.
 *
 * @param stream the source stream the waves are fed into
 * @param waves  the waves, in feeding order
 */
public record InputWaves(String stream, List<Wave> waves) {
  /** No watermark required. */
  public static final long ANY = Long.MIN_VALUE;

  public InputWaves {
    Objects.requireNonNull(stream, "stream");
    waves = List.copyOf(waves);
    if (waves.isEmpty()) {
      throw new IllegalArgumentException("input waves need at least one wave");
    }
  }

  /**
   * One wave.
   *
   * @param lines          its JSON lines, fed in this order (partition key = line number within the wave)
   * @param settledAtLeast before the next wave is fed, every windowed stage must have settled at this watermark or
   *                       higher ({@link #ANY}: whatever its upstream announced); the run fails if it cannot, since
   *                       the records of the next wave then would not be as late as designed
   * @param pauseAfter     how long the job stays without input once it settled on this wave, before the next is
   *                       fed: only ticks run then, so they pin rounds of their own (processing time moves)
   */
  public record Wave(List<String> lines, long settledAtLeast, Duration pauseAfter) {
    public Wave {
      lines = List.copyOf(lines);
      Objects.requireNonNull(pauseAfter, "pauseAfter");
    }

    /** A wave fed as soon as the job settled on it. */
    public Wave(List<String> lines, long settledAtLeast) {
      this(lines, settledAtLeast, Duration.ZERO);
    }
  }

  /** Waves from JSON-lines text in which blank lines separate the waves; no watermark is required. */
  public static InputWaves parse(String stream, String text) {
    List<Wave> waves = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          waves.add(new Wave(current, ANY));
          current = new ArrayList<>();
        }
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      waves.add(new Wave(current, ANY));
    }
    return new InputWaves(stream, waves);
  }

  /** The same waves with wave {@code index} required to settle at {@code watermark} or higher. */
  public InputWaves settledAtLeast(int index, long watermark) {
    List<Wave> changed = new ArrayList<>(waves);
    Wave wave = waves.get(index);
    changed.set(index, new Wave(wave.lines(), watermark, wave.pauseAfter()));
    return new InputWaves(stream, changed);
  }

  /** The same waves with a pause of {@code pause} after wave {@code index} settled. */
  public InputWaves pausedAfter(int index, Duration pause) {
    List<Wave> changed = new ArrayList<>(waves);
    Wave wave = waves.get(index);
    changed.set(index, new Wave(wave.lines(), wave.settledAtLeast(), pause));
    return new InputWaves(stream, changed);
  }

  /** Every line, in feeding order. */
  public List<String> lines() {
    return waves.stream().flatMap(w -> w.lines().stream()).toList();
  }
}
