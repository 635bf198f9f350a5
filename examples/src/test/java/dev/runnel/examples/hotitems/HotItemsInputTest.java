package dev.runnel.examples.hotitems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.hotitems.HotItems.Bid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled input of {@link HotItems} is the generator's, and is out of order within the job's bound. */
class HotItemsInputTest {
  @Test
  void theBundledInputIsWhatTheGeneratorWritesOutOfOrderWithinTheBound() {
    List<Bid> input = HotItemsInput.FILE.records(Bid.class);
    assertThat(HotItemsInput.FILE.lines()).isEqualTo(HotItemsInput.bids().stream().map(BundledInput::json).toList());
    assertThat(input).hasSize(HotItemsInput.BIDS);
    assertThat(OutOfOrder.disorder(input, Bid::at)).isBetween(1L, HotItemsInput.OUT_OF_ORDER_MILLIS - 1);
  }
}
