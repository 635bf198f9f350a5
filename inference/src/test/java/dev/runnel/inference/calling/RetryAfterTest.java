package dev.runnel.inference.calling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static Optional<Duration> of(Map<String, String> headers) {
    return RetryAfter.fromHeaders(name -> Optional.ofNullable(headers.get(name)), CLOCK);
  }

  @Test
  void readsSecondsMillisecondsAndDates() {
    assertThat(of(Map.of("retry-after", "2"))).contains(Duration.ofSeconds(2));
    assertThat(of(Map.of("retry-after", "1.5"))).contains(Duration.ofMillis(1500));
    assertThat(of(Map.of("retry-after-ms", "250", "retry-after", "1"))).contains(Duration.ofMillis(250));
    assertThat(of(Map.of("retry-after", "Thu, 01 Jan 2026 00:00:03 GMT"))).contains(Duration.ofSeconds(3));
    assertThat(of(Map.of("retry-after", "Wed, 31 Dec 2025 23:00:00 GMT"))).contains(Duration.ZERO);
  }

  @Test
  void ignoresAbsentOrUnreadableValues() {
    assertThat(of(Map.of())).isEmpty();
    assertThat(of(Map.of("retry-after", "soon"))).isEmpty();
    assertThat(of(Map.of("retry-after", "-1"))).isEmpty();
  }

  @Test
  void backoffGrowsWithinItsJitterAndCap() {
    Backoff backoff = Backoff.DEFAULT;
    for (int i = 0; i < 50; i++) {
      assertThat(backoff.after(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
      assertThat(backoff.after(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1200));
      assertThat(backoff.after(30)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
  }
}
