package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.RunSummary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, case 1: an order whose id is too long for a DynamoDB key (10,000 characters; and 1,100 three-byte
 * characters, 3,300 bytes but fewer than 2,048 characters) among the bundled orders, on kinesis-local and DynamoDB
 * Local. Each bad order is dead-lettered once by the stage whose table outputs it would break, with the key error;
 * everything else equals a sequential evaluation of the good orders; nothing is retried or discarded.
 */
class OrderRoutingLongKeysRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = "crafted/orders-long-ids.jsonl";
  private static final String LONG_ID = "o" + "9".repeat(9_999);
  private static final String WIDE_ID = "€".repeat(1_100);

  private static RunSummary summary;
  private static List<String> lines;
  private static List<String> good;

  @BeforeAll
  static void runTheJob() throws Exception {
    lines = inputLines();
    good = lines.stream().filter(l -> !l.contains(LONG_ID) && !l.contains(WIDE_ID)).toList();
    assertThat(lines).hasSize(good.size() + 2);
    InputSource input = new InputSource("orders-in", "classpath:" + INPUT,
        () -> OrderRoutingLongKeysRunTest.class.getClassLoader().getResourceAsStream(INPUT));
    summary = LocalRunner.run(OrderRouting.class, RunOptions.defaults().withInputs(List.of(input)));
  }

  @Test
  void eachOrderWithAnOverlongIdIsDeadLetteredOnceAsAKeyError() {
    List<DeadLetter> keyErrors = summary.deadLetters().stream().filter(d -> d.stage().equals("orders-2")).toList();

    assertThat(keyErrors).hasSize(2);
    assertThat(keyErrors).filteredOn(d -> d.payload().contains(LONG_ID)).singleElement().satisfies(letter ->
        assertThat(letter.error()).contains("10000 bytes", "2048 bytes"));
    assertThat(keyErrors).filteredOn(d -> d.payload().contains(WIDE_ID)).singleElement().satisfies(letter ->
        assertThat(letter.error()).contains("bytes in UTF-8 (", "characters", "2048 bytes"));
    assertThat(keyErrors).allSatisfy(letter -> {
      assertThat(letter.errorType()).isEqualTo("key");
      assertThat(letter.operator()).isIn("orders-basket-vectors", "orders-shipments");
      assertThat(letter.error()).contains("job 'orders', stage 'orders-2', shard " + letter.shard(),
          "sequence number " + letter.sequenceNumber(), "partition key attribute", "shorten the key field")
          .doesNotContain(LONG_ID);
    });
    assertThat(summary.deadLetters()).filteredOn(d -> !d.stage().equals("orders-2")).extracting(DeadLetter::errorType)
        .containsExactlyInAnyOrder("decode", "operator");
  }

  @Test
  void nothingStallsNothingIsRetriedOrDiscarded() {
    assertThat(summary.discardedBatches()).isEmpty();
    var first = summary.stage("orders-1").orElseThrow();
    var second = summary.stage("orders-2").orElseThrow();
    var third = summary.stage("orders-3").orElseThrow();
    assertThat(first.recordsIn()).isEqualTo(lines.size());
    assertThat(second.recordsIn()).isEqualTo(first.recordsOut().get("orders-route"));
    assertThat(second.deadLettered()).isEqualTo(2);
    assertThat(first.retries() + second.retries() + third.retries()).isZero();
  }

  @Test
  void shipmentsEqualASequentialEvaluationOfTheGoodOrders() {
    List<Map<String, Object>> expected = new ArrayList<>();
    OrderRouting job = new OrderRouting();
    for (OrderRouting.Routed routed : routedGoodOrders()) {
      job.ship(routed).stream().filter(job::large).map(OrderRoutingLongKeysRunTest::asJson).forEach(expected::add);
    }
    assertThat(expected).isNotEmpty();
    for (String sink : List.of("orders-shipments", "orders-shipments-out", "shipments-console")) {
      assertThat(parsed(summary.sink(sink).orElseThrow().records())).as(sink)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void customerTotalsCountOnlyTheGoodOrders() {
    Map<String, List<Long>> expected = new TreeMap<>();
    for (OrderRouting.Routed routed : routedGoodOrders()) {
      long cents = routed.lines().stream().mapToLong(l -> Math.max(0, l.quantity()) * l.unitCents()).sum();
      List<Long> before = expected.getOrDefault(routed.customer(), List.of(0L, 0L));
      expected.put(routed.customer(), List.of(before.get(0) + 1, before.get(1) + cents));
    }
    Map<String, List<Long>> actual = new TreeMap<>();
    for (Map<String, Object> item : parsed(summary.sink("orders-customer-totals").orElseThrow().records())) {
      actual.put((String) item.get("customer"), List.of(((Number) item.get("orders")).longValue(),
          ((Number) item.get("cents")).longValue()));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(summary.sink("totals-console").orElseThrow().records()).hasSize(routedGoodOrders().size());
  }

  @Test
  void revenuePerMinuteAndBasketVectorsCoverOnlyTheGoodOrders() {
    OrderRouting job = new OrderRouting();
    Map<String, OrderRouting.RegionMinute> expected = new TreeMap<>();
    List<String> basketIds = new ArrayList<>();
    for (String line : good) {
      OrderRouting.Order order = order(line);
      if (order == null || !job.valid(order)) {
        continue;
      }
      OrderRouting.Routed routed;
      try {
        routed = job.route(order);
      } catch (IllegalArgumentException noRegion) {
        continue;
      }
      basketIds.add(routed.orderId());
      OrderRouting.Sale sale = job.sale(routed);
      String minute = java.time.Instant.ofEpochMilli(order.at() - Math.floorMod(order.at(), 60_000L)).toString();
      OrderRouting.RegionMinute before = expected.get(sale.region() + "@" + minute);
      expected.put(sale.region() + "@" + minute, new OrderRouting.RegionMinute(sale.region(), minute,
          before == null ? 1 : before.orders() + 1, before == null ? sale.cents() : before.cents() + sale.cents()));
    }
    assertThat(parsed(summary.sink("revenue-per-minute").orElseThrow().records()))
        .containsExactlyInAnyOrderElementsOf(expected.values().stream().map(OrderRoutingLongKeysRunTest::asJson)
            .toList());
    assertThat(parsed(summary.sink("orders-basket-vectors").orElseThrow().records()))
        .extracting(item -> (String) item.get("orderId")).containsExactlyInAnyOrderElementsOf(basketIds);
  }

  private static List<OrderRouting.Routed> routedGoodOrders() {
    OrderRouting job = new OrderRouting();
    List<OrderRouting.Routed> routed = new ArrayList<>();
    for (String line : good) {
      OrderRouting.Order order = order(line);
      if (order == null || !job.valid(order)) {
        continue;
      }
      try {
        routed.add(job.route(order));
      } catch (IllegalArgumentException noRegion) {
        // dead-lettered by stage 1
      }
    }
    return routed;
  }

  private static OrderRouting.Order order(String line) {
    try {
      return JSON.readValue(line, OrderRouting.Order.class);
    } catch (Exception malformed) {
      return null;
    }
  }

  private static Map<String, Object> asJson(Object record) {
    try {
      return JSON.readValue(JSON.writeValueAsString(record), new TypeReference<Map<String, Object>>() { });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Map<String, Object>> parsed(List<String> records) {
    return records.stream().map(record -> {
      try {
        return JSON.readValue(record, new TypeReference<Map<String, Object>>() { });
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + record, e);
      }
    }).toList();
  }

  private static List<String> inputLines() throws Exception {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        OrderRoutingLongKeysRunTest.class.getClassLoader().getResourceAsStream(INPUT), StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
