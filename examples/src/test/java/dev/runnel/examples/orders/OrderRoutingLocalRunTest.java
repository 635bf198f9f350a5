package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo job end to end on real kinesis-local and DynamoDB Local, through the real planner, stage handlers and
 * the local event source mapping. The expected outputs are computed by calling the job's methods one record at a
 * time, in this test, so the distributed run must agree with a plain sequential evaluation.
 */
class OrderRoutingLocalRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = "runnel/inputs/orders/orders-in.jsonl";

  private static RunSummary summary;
  private static List<Map<String, Object>> expectedShipments;
  private static List<String> lines;

  @BeforeAll
  static void runTheJob() throws Exception {
    lines = inputLines();
    expectedShipments = sequentialShipments(lines);
    summary = LocalRunner.run(OrderRouting.class, RunOptions.defaults());
  }

  @Test
  void everySinkReceivesExactlyTheShipmentsASequentialEvaluationProduces() {
    assertThat(expectedShipments).hasSize(51);
    assertThat(parsed(summary.sink("orders-shipments").orElseThrow().records()))
        .containsExactlyInAnyOrderElementsOf(expectedShipments);
    assertThat(parsed(summary.sink("orders-shipments-out").orElseThrow().records()))
        .containsExactlyInAnyOrderElementsOf(expectedShipments);
    assertThat(parsed(summary.sink("shipments-console").orElseThrow().records()))
        .containsExactlyInAnyOrderElementsOf(expectedShipments);
  }

  @Test
  void keyedStateKeepsEachCustomersTotalsExactlyOnce() {
    OrderRouting job = new OrderRouting();
    Map<String, long[]> expected = new java.util.TreeMap<>();
    for (String line : lines) {
      OrderRouting.Order order;
      try {
        order = JSON.readValue(line, OrderRouting.Order.class);
        if (!job.valid(order)) {
          continue;
        }
        job.route(order);
      } catch (Exception droppedOrDeadLettered) {
        continue;
      }
      long cents = order.lines().stream().mapToLong(l -> Math.max(0, l.quantity()) * l.unitCents()).sum();
      expected.computeIfAbsent(order.customer(), c -> new long[2]);
      expected.get(order.customer())[0]++;
      expected.get(order.customer())[1] += cents;
    }
    Map<String, Object> actual = new java.util.TreeMap<>();
    for (Map<String, Object> item : parsed(summary.sink("orders-customer-totals").orElseThrow().records())) {
      actual.put((String) item.get("customer"), List.of(((Number) item.get("orders")).longValue(),
          ((Number) item.get("cents")).longValue()));
    }
    Map<String, Object> wanted = new java.util.TreeMap<>();
    expected.forEach((customer, totals) -> wanted.put(customer, List.of(totals[0], totals[1])));
    assertThat(actual).isEqualTo(wanted);
    assertThat(summary.sink("totals-console").orElseThrow().records()).hasSize(35);
  }

  @Test
  void eachRegionsOrdersAndRevenueAreSummedPerMinuteOfOrderTime() {
    OrderRouting job = new OrderRouting();
    Map<String, OrderRouting.RegionMinute> expected = new java.util.TreeMap<>();
    for (String line : lines) {
      OrderRouting.Routed routed;
      OrderRouting.Order order;
      try {
        order = JSON.readValue(line, OrderRouting.Order.class);
        if (!job.valid(order)) {
          continue;
        }
        routed = job.route(order);
      } catch (Exception droppedOrDeadLettered) {
        continue;
      }
      long cents = order.lines().stream().mapToLong(l -> Math.max(0, l.quantity()) * l.unitCents()).sum();
      String minute = java.time.Instant.ofEpochMilli(order.at() - Math.floorMod(order.at(), 60_000L)).toString();
      String id = routed.region() + "@" + minute;
      OrderRouting.RegionMinute before = expected.get(id);
      expected.put(id, new OrderRouting.RegionMinute(routed.region(), minute,
          before == null ? 1 : before.orders() + 1, before == null ? cents : before.cents() + cents));
    }
    assertThat(expected.values().stream().map(OrderRouting.RegionMinute::minute).distinct()).hasSize(4);
    assertThat(parsed(summary.sink("revenue-per-minute").orElseThrow().records()))
        .containsExactlyInAnyOrderElementsOf(expected.values().stream().map(OrderRoutingLocalRunTest::asJson)
            .toList());
  }

  @Test
  void theMalformedLineAndTheOrderWithoutARegionAreDeadLetteredWithTheirPayload() {
    String malformed = lines.stream().filter(l -> l.contains("o017b")).findFirst().orElseThrow();
    String noRegion = lines.stream().filter(l -> l.contains("\"o013\"")).findFirst().orElseThrow();

    assertThat(summary.deadLetters()).extracting(DeadLetter::payload)
        .containsExactlyInAnyOrder(malformed, noRegion);
    assertThat(summary.deadLetters()).allSatisfy(letter -> assertThat(letter.stage()).isEqualTo("orders-1"));
    DeadLetter decode = summary.deadLetters().stream().filter(d -> d.payload().equals(malformed)).findFirst()
        .orElseThrow();
    assertThat(decode.errorType()).isEqualTo("decode");
    DeadLetter route = summary.deadLetters().stream().filter(d -> d.payload().equals(noRegion)).findFirst()
        .orElseThrow();
    assertThat(route.errorType()).isEqualTo("operator");
    assertThat(route.operator()).isEqualTo("route");
    assertThat(route.error()).contains("no fulfilment region serves country 'XX'");
    assertThat(summary.discardedBatches()).isEmpty();
  }

  @Test
  void stageCountsAddUp() {
    var first = summary.stage("orders-1").orElseThrow();
    var second = summary.stage("orders-2").orElseThrow();
    var third = summary.stage("orders-3").orElseThrow();
    assertThat(summary.inputs()).singleElement().satisfies(input -> assertThat(input.records()).isEqualTo(41));
    assertThat(first.recordsIn()).isEqualTo(41);
    assertThat(first.deadLettered()).isEqualTo(2);
    assertThat(first.recordsIn() - first.deadLettered() - first.filteredOut())
        .isEqualTo(first.recordsOut().get("orders-route"));
    assertThat(second.recordsIn()).isEqualTo(first.recordsOut().get("orders-route"));
    assertThat(second.recordsOut()).containsEntry("orders-customer-totals", 35L)
        .containsEntry("orders-shipments", 51L)
        .containsEntry("orders-shipments-out", 51L).containsEntry("shipments-console", 51L)
        .containsEntry("orders-sale", 35L);
    assertThat(third.recordsIn()).isEqualTo(35);
    assertThat(first.retries() + second.retries() + third.retries()).isZero();
  }

  private static List<Map<String, Object>> sequentialShipments(List<String> inputLines) {
    OrderRouting job = new OrderRouting();
    List<Map<String, Object>> shipments = new ArrayList<>();
    for (String line : inputLines) {
      OrderRouting.Order order;
      try {
        order = JSON.readValue(line, OrderRouting.Order.class);
      } catch (Exception malformed) {
        continue;
      }
      if (!job.valid(order)) {
        continue;
      }
      OrderRouting.Routed routed;
      try {
        routed = job.route(order);
      } catch (IllegalArgumentException noRegion) {
        continue;
      }
      job.ship(routed).stream().filter(job::large).map(OrderRoutingLocalRunTest::asJson)
          .forEach(shipments::add);
    }
    return shipments;
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
        OrderRoutingLocalRunTest.class.getClassLoader().getResourceAsStream(INPUT), StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
