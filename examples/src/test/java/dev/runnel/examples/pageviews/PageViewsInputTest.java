package dev.runnel.examples.pageviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.pageviews.PageViews.PageView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled input of {@link PageViews} is the generator's, and is out of order as its tests assume. */
class PageViewsInputTest {
  private final List<PageView> input = PageViewsInput.FILE.records(PageView.class);
  private final List<PageView> late = PageViewsInput.late(input);

  @Test
  void theBundledInputIsWhatTheGeneratorWrites() {
    assertThat(PageViewsInput.FILE.lines())
        .isEqualTo(PageViewsInput.views().stream().map(BundledInput::json).toList());
  }

  @Test
  void theViewsAreOutOfOrderWithinTheBoundButForSixHalfAnHourLate() {
    List<PageView> onTime = input.stream().filter(v -> !late.contains(v)).toList();
    assertThat(input).hasSize(PageViewsInput.ON_TIME + PageViewsInput.LATE);
    assertThat(late).hasSize(PageViewsInput.LATE);
    assertThat(OutOfOrder.disorder(onTime, PageView::at)).isBetween(1L, PageViewsInput.OUT_OF_ORDER_MILLIS - 1);
    // each late view is late by far more than any shard's watermark can trail the newest view
    long newest = Long.MIN_VALUE;
    for (PageView view : input) {
      if (late.contains(view)) {
        long closes = PageViewsInput.minuteOf(view.at()) + 60_000 - 1 + PageViewsInput.LATENESS_MILLIS;
        assertThat(newest - PageViewsInput.OUT_OF_ORDER_MILLIS - closes).isGreaterThan(20 * 60_000L);
      } else {
        newest = Math.max(newest, view.at());
      }
    }
  }
}
