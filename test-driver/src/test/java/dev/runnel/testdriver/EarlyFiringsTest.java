package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.api.Windowed.Timing;
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Early firings of event-time tumbling windows in the driver, in both state layouts: every 10 s of processing time
 * while the window has new records (accumulating: each firing sees the whole window so far), and every 2 records
 * (discarding: each firing sees only what is new, and the firing at the end only what came after the last early one).
 */
class EarlyFiringsTest {
  private static final long T0 = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;

  @StreamingJob("payments")
  public static class EarlyTotals {
    @Source(stream = "payments-in", shards = 1) @EventTime(field = "at") @KeyBy("account")
    public record Payment(String account, long at, long cents) {}

    public record Total(String account, long start, Long cents, int firing, Timing timing) {}

    public record Batch(String account, long start, List<Long> cents, int firing, Timing timing) {}

    @Window(from = "payments-in", size = "PT1M", earlyEvery = "PT10S")
    @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(name = "totals", console = true)
    public Total perMinute(Windowed<Long> window) {
      return new Total(window.key(), window.start(), window.value(), window.firing(), window.timing());
    }

    @Window(from = "payments-in", size = "PT1M", earlyCount = 2, firing = Window.Firing.DISCARDING)
    @Sink(name = "batches", console = true)
    public Batch byTwo(Windowed<List<Payment>> window) {
      return new Batch(window.key(), window.start(), window.value().stream().map(Payment::cents).toList(),
          window.firing(), window.timing());
    }
  }

  private static EarlyTotals.Payment pay(long second, long cents) {
    return new EarlyTotals.Payment("acc", T0 + second * 1_000, cents);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void earlyFiringsByTimeAccumulateAndByCountDiscard(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(EarlyTotals.class).stateLayout(layout).build();
    driver.pipe("payments-in", pay(1, 1), pay(2, 2), pay(3, 4));
    assertThat(driver.output("batches", EarlyTotals.Batch.class)).as("the second payment fires early").containsExactly(
        new EarlyTotals.Batch("acc", T0, List.of(1L, 2L), 0, Timing.EARLY));
    assertThat(driver.output("totals", EarlyTotals.Total.class)).as("not 10 s of processing time yet").isEmpty();

    driver.advanceProcessingTime(Duration.ofSeconds(10));
    assertThat(driver.output("totals", EarlyTotals.Total.class)).containsExactly(
        new EarlyTotals.Total("acc", T0, 7L, 0, Timing.EARLY));
    driver.advanceProcessingTime(Duration.ofSeconds(10));
    assertThat(driver.output("totals", EarlyTotals.Total.class)).as("nothing new: no early firing").hasSize(1);

    driver.pipe("payments-in", pay(4, 8), pay(5, 16));
    driver.advanceProcessingTime(Duration.ofSeconds(10));
    driver.advanceWatermark(Instant.ofEpochMilli(T0 + 60_000));
    driver.advanceProcessingTime(Duration.ofMinutes(2));

    assertThat(driver.output("totals", EarlyTotals.Total.class)).containsExactly(
        new EarlyTotals.Total("acc", T0, 7L, 0, Timing.EARLY),
        new EarlyTotals.Total("acc", T0, 31L, 1, Timing.EARLY),
        new EarlyTotals.Total("acc", T0, 31L, 2, Timing.ON_TIME));
    assertThat(driver.output("batches", EarlyTotals.Batch.class)).containsExactly(
        new EarlyTotals.Batch("acc", T0, List.of(1L, 2L), 0, Timing.EARLY),
        new EarlyTotals.Batch("acc", T0, List.of(4L, 8L), 1, Timing.EARLY),
        new EarlyTotals.Batch("acc", T0, List.of(16L), 2, Timing.ON_TIME));
    assertThat(driver.deadLetters()).isEmpty();
  }
}
