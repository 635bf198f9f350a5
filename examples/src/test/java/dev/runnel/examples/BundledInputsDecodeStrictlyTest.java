package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.comments.LiveComments;
import dev.runnel.examples.hotitems.HotItems;
import dev.runnel.examples.moderation.ListingModeration;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.examples.pageviews.PageViews;
import dev.runnel.examples.rag.RagIndexer;
import dev.runnel.examples.sessions.UserSessions;
import dev.runnel.functions.codec.JsonDecoder;
import dev.runnel.plan.DecodingMode;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StreamRole;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict decoding is the default: every bundled input line that lenient decoding accepts must decode strictly to the
 * same record, so that no example loses records to a conversion it silently relied on.
 */
class BundledInputsDecodeStrictlyTest {
  @ParameterizedTest
  @ValueSource(classes = {ClickCounts.class, LiveComments.class, HotItems.class, ListingModeration.class,
      OrderRouting.class, PageViews.class, RagIndexer.class, UserSessions.class,
      dev.runnel.examples.payments.PaymentBalances.class, dev.runnel.examples.payments.LedgerBridge.class})
  void everyLineLenientDecodingAcceptsDecodesStrictlyToTheSameRecord(Class<?> job) throws Exception {
    Plan plan = Planner.plan(job);
    int checked = 0;
    for (var stage : plan.stages()) {
      StageInput input = stage.input();
      if (plan.stream(input.stream()).orElseThrow().role() != StreamRole.SOURCE) {
        continue;
      }
      assertThat(input.decoding()).isEqualTo(DecodingMode.STRICT);
      Class<?> type = Class.forName(input.type());
      JsonDecoder strict = new JsonDecoder(type, DecodingMode.STRICT);
      JsonDecoder lenient = new JsonDecoder(type, DecodingMode.LENIENT);
      for (String line : new BundledInput(plan.job(), input.stream()).lines()) {
        byte[] payload = line.getBytes(StandardCharsets.UTF_8);
        Object converted;
        try {
          converted = lenient.decode(payload);
        } catch (IllegalArgumentException malformed) {
          continue;
        }
        assertThat(strict.decode(payload)).as(line).usingRecursiveComparison().isEqualTo(converted);
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }
}
