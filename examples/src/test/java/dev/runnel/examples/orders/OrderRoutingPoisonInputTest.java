package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo job fed a crafted input (test resource {@code inputs/orders-in-poison.jsonl}), end to end on kinesis-local
 * and DynamoDB Local: twelve good orders mixed with {@code "unitCents": 12.5} (line 5), {@code "unitCents": "300"}
 * (line 7), a 1.1 MiB order (line 10) and four empty or blank lines. The run finishes; each bad record is exactly one
 * dead letter with its error type and context; every output equals a sequential evaluation of the good orders; the
 * summary reports the empty lines.
 */
class OrderRoutingPoisonInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path input;
  private static List<String> lines;
  private static List<String> good;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() throws Exception {
    input = Path.of(OrderRoutingPoisonInputTest.class.getClassLoader().getResource("inputs/orders-in-poison.jsonl")
        .toURI());
    lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    good = lines.stream().filter(l -> l.startsWith("{\"id\":\"o")).toList();
    assertThat(good).hasSize(12);
    summary = LocalRunner.run(OrderRouting.class,
        RunOptions.defaults().withInputs(List.of(InputSource.file("orders-in", input))));
  }

  @Test
  void eachBadValueIsOneDecodeDeadLetterNamingTheFieldAndTheValuesType() {
    List<DeadLetter> decode = summary.deadLetters().stream().filter(d -> d.errorType().equals("decode")).toList();
    assertThat(decode).extracting(DeadLetter::payload).containsExactlyInAnyOrder(lines.get(4), lines.get(6));
    assertThat(decode).allSatisfy(letter -> {
      assertThat(letter.stage()).isEqualTo("orders-1");
      assertThat(letter.shard()).startsWith("shardId-");
      assertThat(letter.sequenceNumber()).matches("\\d+");
      assertThat(letter.operator()).isEqualTo("json");
      assertThat(letter.error()).startsWith("job 'orders', stage 'orders-1', shard " + letter.shard()
          + ", sequence number " + letter.sequenceNumber() + ": codec 'json' cannot decode")
          .contains("strict decoding converts no value", "@Source(decoding = Decoding.LENIENT)");
    });
    assertThat(letterWith("b001").error())
        .contains("field 'lines[0].unitCents' is long, but the value is a floating-point number (12.5)");
    assertThat(letterWith("b002").error())
        .contains("field 'lines[0].unitCents' is long, but the value is a string (\"300\")");
  }

  @Test
  void theRecordOverTheLimitIsOneInputDeadLetterNamingFileLineSizeAndLimit() {
    DeadLetter over = letterWith("b003");
    assertThat(over.errorType()).isEqualTo("input");
    assertThat(over.stage()).isEqualTo("orders-1");
    assertThat(over.shard()).isEqualTo("input");
    assertThat(over.sequenceNumber()).isEqualTo(input + ":10");
    assertThat(over.error()).startsWith("job 'orders', stage 'orders-1', input " + input + " line 10: ")
        .contains(lines.get(9).getBytes(StandardCharsets.UTF_8).length + 2 + " bytes", "1048576-byte (1 MiB)");
    assertThat(lines.get(9).getBytes(StandardCharsets.UTF_8).length).isEqualTo((int) (1.1 * 1024 * 1024));
    assertThat(lines.get(9)).startsWith(over.payload());
  }

  @Test
  void thereIsExactlyOneDeadLetterPerBadRecordAndTheRunFinished() {
    assertThat(summary.deadLetters()).hasSize(3);
    assertThat(summary.discardedBatches()).isEmpty();
    var first = summary.stage("orders-1").orElseThrow();
    assertThat(first.recordsIn()).isEqualTo(14);
    assertThat(first.deadLettered()).isEqualTo(2);
    assertThat(summary.stage("orders-2").orElseThrow().deadLettered()).isZero();
    assertThat(summary.stage("orders-3").orElseThrow().deadLettered()).isZero();
  }

  @Test
  void theSummaryReportsTheEmptyLinesAndTheLineOverTheLimit() {
    assertThat(summary.inputs()).containsExactly(new FedInput("orders-in", input.toString(), 14, 4, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SummaryPrinter(3).print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(printed).contains("input orders-in: 14 records, 4 empty lines skipped, 1 line over the record limit"
        + " dead-lettered from " + input + "\n");
    assertThat(printed).contains("dead letters (table orders-dead-letters): 3\n",
        "  orders-1 input line " + input + ":10  [input]\n");
  }

  @Test
  void everyOutputEqualsASequentialEvaluationOfTheGoodOrders() throws Exception {
    OrderRouting job = new OrderRouting();
    List<Map<String, Object>> shipments = new ArrayList<>();
    Map<String, List<Long>> totals = new TreeMap<>();
    Map<String, Map<String, Object>> minutes = new TreeMap<>();
    List<String> baskets = new ArrayList<>();
    for (String line : good) {
      OrderRouting.Order order = JSON.readValue(line, OrderRouting.Order.class);
      if (!job.valid(order)) {
        continue;
      }
      OrderRouting.Routed routed = job.route(order);
      baskets.add(routed.orderId());
      job.ship(routed).stream().filter(job::large).map(OrderRoutingPoisonInputTest::asJson).forEach(shipments::add);
      long cents = job.sale(routed).cents();
      totals.merge(order.customer(), List.of(1L, cents), (a, b) -> List.of(a.get(0) + 1, a.get(1) + cents));
      String minute = Instant.ofEpochMilli(order.at() - Math.floorMod(order.at(), 60_000L)).toString();
      minutes.merge(routed.region() + "@" + minute,
          asJson(new OrderRouting.RegionMinute(routed.region(), minute, 1, cents)),
          (a, b) -> asJson(new OrderRouting.RegionMinute(routed.region(), minute,
              ((Number) a.get("orders")).longValue() + 1, ((Number) a.get("cents")).longValue() + cents)));
    }
    assertThat(shipments).isNotEmpty();
    for (String sink : List.of("orders-shipments", "orders-shipments-out", "shipments-console")) {
      assertThat(parsed(sink)).as(sink).containsExactlyInAnyOrderElementsOf(shipments);
    }
    Map<String, List<Long>> actualTotals = new TreeMap<>();
    for (Map<String, Object> item : parsed("orders-customer-totals")) {
      actualTotals.put((String) item.get("customer"),
          List.of(((Number) item.get("orders")).longValue(), ((Number) item.get("cents")).longValue()));
    }
    assertThat(actualTotals).isEqualTo(totals);
    assertThat(parsed("revenue-per-minute")).containsExactlyInAnyOrderElementsOf(minutes.values());
    assertThat(parsed("baskets-console")).extracting(b -> (String) b.get("orderId"))
        .containsExactlyInAnyOrderElementsOf(baskets);
  }

  private static DeadLetter letterWith(String orderId) {
    return summary.deadLetters().stream().filter(d -> d.payload().startsWith("{\"id\":\"" + orderId + "\""))
        .findFirst().orElseThrow(() -> new AssertionError("no dead letter of " + orderId));
  }

  private static Map<String, Object> asJson(Object record) {
    try {
      return JSON.readValue(JSON.writeValueAsString(record), new TypeReference<Map<String, Object>>() { });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Map<String, Object>> parsed(String sink) {
    return summary.sink(sink).orElseThrow().records().stream().map(record -> {
      try {
        return JSON.readValue(record, new TypeReference<Map<String, Object>>() { });
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + record, e);
      }
    }).toList();
  }
}
