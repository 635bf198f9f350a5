package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;

/** Count windows without event time: every {@value #SIZE} readings of a device, as a list. */
@StreamingJob("counted")
public class CountedReadings {
  /** Readings per window. */
  public static final int SIZE = 3;

  /** A reading of a device. */
  @Source(stream = "cr-in", shards = 2)
  public record Reading(String device, int value) {}

  /** One full window of a device; {@code id} is device#first record number. */
  public record Batch(String id, String device, long first, List<Integer> values) {}

  /** Keys the readings by device. */
  @MapEach(from = "cr-in")
  @KeyBy("device")
  public Reading keyed(Reading reading) {
    return reading;
  }

  /** Every {@value #SIZE} readings of a device. */
  @Window(from = "keyed", count = SIZE)
  @Sink(table = "cr-batches", key = "id")
  public Batch batch(Windowed<List<Reading>> window) {
    return new Batch(window.key() + "#" + window.start(), window.key(), window.start(),
        window.value().stream().map(Reading::value).toList());
  }
}
