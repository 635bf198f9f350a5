package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.ListState;
import dev.runnel.api.MapEach;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import java.util.List;
import java.util.Optional;

/**
 * A count window built by hand, with a processing-time timeout: per device, readings collect in a {@code ListState}
 * and every {@value #SIZE}th one emits the window and clears the list; each reading also sets a processing-time timer
 * {@value #TIMEOUT_MILLIS} ms after it arrived that would flush an incomplete window. A stage with processing-time
 * timers pins a firing round whenever processing time moved on, so its ticks commit every shard about once a second
 * (locally), whether or not a timer is due.
 */
@StreamingJob("countwin")
public class TimedCountWindows {
  /** Readings per window. */
  public static final int SIZE = 3;
  /** How long an incomplete window waits for more readings: longer than any test run. */
  public static final long TIMEOUT_MILLIS = 600_000;

  /** A reading of a device. */
  @Source(stream = "cw-in", shards = 2)
  public record Reading(String device, int value) {}

  /** A full window of a device; {@code id} is device#sum of its values, unique for the test inputs. */
  public record Window(String id, String device, List<Integer> values) {}

  /** Keys the readings by device. */
  @MapEach(from = "cw-in")
  @KeyBy("device")
  public Reading keyed(Reading reading) {
    return reading;
  }

  /** Adds the reading to the device's window and emits the window when it is full. */
  @KeyedProcess(from = "keyed")
  @Sink(table = "cw-windows", key = "id")
  @Sink(name = "cw-console", console = true)
  public Optional<Window> collect(Reading reading, @State("window") ListState<Integer> window, Timers timers) {
    timers.registerProcessingTimeTimer(timers.currentProcessingTime() + TIMEOUT_MILLIS);
    window.add(reading.value());
    List<Integer> values = window.get();
    if (values.size() < SIZE) {
      return Optional.empty();
    }
    window.clear();
    int sum = values.stream().mapToInt(Integer::intValue).sum();
    return Optional.of(new Window(reading.device() + "#" + sum, reading.device(), values));
  }

  /** Flushes the device's incomplete window when no reading completed it in time. */
  @OnTimer("collect")
  public Optional<Window> timeout(Timer timer, @State("window") ListState<Integer> window) {
    List<Integer> values = window.get();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    window.clear();
    int sum = values.stream().mapToInt(Integer::intValue).sum();
    return Optional.of(new Window(timer.key() + "#" + sum, timer.key(), values));
  }
}
