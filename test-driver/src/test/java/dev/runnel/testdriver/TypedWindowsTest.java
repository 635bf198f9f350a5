package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedWindow;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A window keyed by a {@code long} field, taking {@code KeyedWindow<Long, Long>}: the key arrives as a Long, and the
 * SUM of a long field is exact above 2^53, where a double sum would be off.
 */
class TypedWindowsTest {
  private static final long T0 = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;
  private static final long BIG = 1L << 53;

  @StreamingJob("accounts")
  public static class AccountMinutes {
    @Source(stream = "accounts-in", shards = 2) @EventTime(field = "at") @KeyBy("account")
    public record Payment(long account, long at, long cents) {}

    public record Total(Long account, long minute, Long cents) {}

    @Window(from = "accounts-in", size = "PT1M") @Aggregate(kind = Aggregate.Kind.SUM, field = "cents")
    @Sink(name = "totals", console = true)
    public Total perMinute(KeyedWindow<Long, Long> window) {
      return new Total(window.key(), window.start(), window.value());
    }
  }

  @Test
  void theKeyIsALongAndTheSumExact() {
    JobTestDriver driver = JobTestDriver.of(AccountMinutes.class);
    driver.pipe("accounts-in", List.of(
        new AccountMinutes.Payment(7, T0 + 1_000, BIG),
        new AccountMinutes.Payment(7, T0 + 2_000, 1),
        new AccountMinutes.Payment(7, T0 + 3_000, 1),
        new AccountMinutes.Payment(42, T0 + 4_000, 5)));
    driver.endInput();

    List<AccountMinutes.Total> totals = driver.output("totals", AccountMinutes.Total.class);
    assertThat(totals).containsExactlyInAnyOrder(new AccountMinutes.Total(7L, T0 - T0 % 60_000, BIG + 2),
        new AccountMinutes.Total(42L, T0 - T0 % 60_000, 5L));
    assertThat(driver.deadLetters()).isEmpty();
  }
}
