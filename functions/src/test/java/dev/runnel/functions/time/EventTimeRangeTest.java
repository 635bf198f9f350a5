package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.EventTimeSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which event times a source accepts, and what the message of a rejected one says. */
class EventTimeRangeTest {
  private static final long DAY = 86_400_000L;
  private static final long ARRIVAL = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
  /** The planner's default: not negative, at most a day ahead. */
  private final EventTimeRange range = EventTimeRange.of(new EventTimeSpec("at", 5_000, 0, DAY, 0L));

  @Test
  void acceptsTimesFromZeroToTheArrivalPlusMaxAhead() {
    assertThat(range.violation(0, ARRIVAL, "at")).isEmpty();
    assertThat(range.violation(ARRIVAL - 10 * DAY, ARRIVAL, "at")).isEmpty();
    assertThat(range.violation(ARRIVAL + DAY, ARRIVAL, "at")).isEmpty();
  }

  @Test
  void rejectsNegativeTimesAndSaysHowToAllowThem() {
    for (long time : new long[] {-1, -1000, Long.MIN_VALUE + 1}) {
      assertThat(range.violation(time, ARRIVAL, "at")).get().asString()
          .contains("event time " + time, "of field 'at'", "is negative", "@EventTime(allowNegative = true)");
    }
  }

  @Test
  void rejectsTimesTooFarAheadOfTheirArrivalAndSaysWhatToRaise() {
    long year57858 = 1_763_683_200_000_000L;
    assertThat(range.violation(ARRIVAL + DAY + 1, ARRIVAL, "at")).get().asString()
        .contains("ahead of the record's arrival at 2026-11-21T10:00:00Z", "@EventTime(maxAhead) allows (PT24H)");
    assertThat(range.violation(year57858, ARRIVAL, "at")).get().asString()
        .contains("(+57858-11-24T00:00:00Z)", "20392221 days ahead");
  }

  @Test
  void theReservedTimesAreNeverAccepted() {
    EventTimeRange open = EventTimeRange.of(new EventTimeSpec("at", 0, 0, null, null));
    assertThat(open.violation(Long.MIN_VALUE + 1, ARRIVAL, "at")).isEmpty();
    assertThat(open.violation(Long.MAX_VALUE - 1, ARRIVAL, "at")).isEmpty();
    assertThat(open.violation(Long.MIN_VALUE, ARRIVAL, "at")).get().asString().contains("reserved");
    assertThat(open.violation(Long.MAX_VALUE, ARRIVAL, "at")).get().asString().contains("reserved");
  }

  @Test
  void aMaxAheadNearTheEndOfTimeDoesNotWrapAround() {
    EventTimeRange wide = EventTimeRange.of(new EventTimeSpec("at", 0, 0, Long.MAX_VALUE, 0L));
    assertThat(wide.violation(Long.MAX_VALUE - 1, ARRIVAL, "at")).isEmpty();
  }

  @Test
  void aRecordWithoutArrivalTimeIsNotCheckedAgainstMaxAhead() {
    assertThat(range.violation(ARRIVAL, 0, "at")).isEmpty();
  }
}
