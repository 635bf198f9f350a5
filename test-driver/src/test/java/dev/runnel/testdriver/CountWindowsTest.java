package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.Aggregate;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.plan.StateLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Count windows in the driver, in both state layouts, without event time: a tumbling window of three records per key
 * fires on its third record, a sliding one (three records every two) on each window's last record, a partial window
 * never fires (not even at the end of input), and the reference is computed from each key's records in order.
 */
class CountWindowsTest {

  @StreamingJob("bids")
  public static class BidBatches {
    @Source(stream = "bids-in", shards = 1) @KeyBy("auction")
    public record Bid(String auction, long price) {}

    public record Batch(String auction, long first, long end, Long total) {}

    public record Prices(String auction, long first, long end, List<Long> prices) {}

    @Window(from = "bids-in", count = 3) @Aggregate(kind = Aggregate.Kind.SUM, field = "price")
    @Sink(name = "threes", console = true)
    public Batch perThree(Windowed<Long> window) {
      return new Batch(window.key(), window.start(), window.end(), window.value());
    }

    @Window(from = "bids-in", count = 3, countSlide = 2) @Sink(name = "sliding", console = true)
    public Prices lastThreeEveryTwo(Windowed<List<Bid>> window) {
      return new Prices(window.key(), window.start(), window.end(),
          window.value().stream().map(Bid::price).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void windowsOfThreeRecordsFireOnTheirLastRecordAndAPartialOneNever(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(BidBatches.class).stateLayout(layout).build();
    List<BidBatches.Bid> bids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bids.add(new BidBatches.Bid("a", 10 + i));
    }
    for (int i = 0; i < 4; i++) {
      bids.add(new BidBatches.Bid("b", 100 * (i + 1)));
    }
    driver.pipe("bids-in", bids.subList(0, 2));
    assertThat(driver.output("threes", BidBatches.Batch.class)).as("two records: nothing yet").isEmpty();
    driver.pipe("bids-in", bids.subList(2, bids.size()));
    driver.endInput();

    assertThat(driver.output("threes", BidBatches.Batch.class)).containsExactlyInAnyOrder(
        new BidBatches.Batch("a", 0, 3, 10L + 11 + 12), new BidBatches.Batch("a", 3, 6, 13L + 14 + 15),
        new BidBatches.Batch("b", 0, 3, 600L));
    assertThat(driver.output("sliding", BidBatches.Prices.class)).containsExactlyInAnyOrder(
        new BidBatches.Prices("a", 0, 3, List.of(10L, 11L, 12L)),
        new BidBatches.Prices("a", 2, 5, List.of(12L, 13L, 14L)),
        new BidBatches.Prices("a", 4, 7, List.of(14L, 15L, 16L)),
        new BidBatches.Prices("b", 0, 3, List.of(100L, 200L, 300L)));
    assertThat(driver.deadLetters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theCountCarriesOnAcrossBatches(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(BidBatches.class).stateLayout(layout).build();
    for (int i = 0; i < 7; i++) {
      driver.pipe("bids-in", new BidBatches.Bid("a", i));
    }
    assertThat(driver.output("threes", BidBatches.Batch.class)).containsExactly(
        new BidBatches.Batch("a", 0, 3, 3L), new BidBatches.Batch("a", 3, 6, 12L));
    assertThat(driver.output("sliding", BidBatches.Prices.class)).extracting(BidBatches.Prices::first)
        .containsExactly(0L, 2L, 4L);
  }
}
