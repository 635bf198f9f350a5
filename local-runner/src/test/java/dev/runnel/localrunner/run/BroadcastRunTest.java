package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.EventLimits;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcast state run by the local runner on kinesis-local and DynamoDB Local: limit changes copied to every one of
 * the check's three shards, orders keyed by customer, both in input order. The alerts table must hold exactly what a
 * sequential pass over the input finds.
 */
class BroadcastRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TIERS = List.of("gold", "silver", "basic");

  @TempDir
  Path dir;

  @Test
  void theAlertsTableHoldsExactlyTheReferenceAlerts() throws Exception {
    Random random = new Random(4242);
    List<String> lines = new ArrayList<>();
    Map<String, Long> limits = new HashMap<>();
    Map<String, Long> spent = new HashMap<>();
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 300; i++) {
      if (i % 25 == 0) {
        String tier = TIERS.get(random.nextInt(3));
        long max = random.nextInt(10) == 0 ? -1 : 20 + random.nextInt(200);
        lines.add("{\"type\":\"limit\",\"id\":" + i + ",\"customer\":\"-\",\"tier\":\"" + tier + "\",\"value\":" + max
            + "}");
        if (max < 0) {
          limits.remove(tier);
        } else {
          limits.put(tier, max);
        }
        continue;
      }
      String customer = "c" + random.nextInt(20);
      String tier = TIERS.get(random.nextInt(3));
      long amount = 1 + random.nextInt(30);
      lines.add("{\"type\":\"order\",\"id\":" + i + ",\"customer\":\"" + customer + "\",\"tier\":\"" + tier
          + "\",\"value\":" + amount + "}");
      long total = spent.merge(customer, amount, Long::sum);
      Long max = limits.get(tier);
      if (max != null && total > max) {
        expected.add(i + "@" + customer + "@" + total + "@" + max);
      }
    }
    Path events = dir.resolve("events.jsonl");
    Files.write(events, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(EventLimits.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("b-events", events)))
        .withPollInterval(Duration.ofMillis(100)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).as("dead letters").isEmpty();
    assertThat(expected).as("the limits make alerts").hasSizeGreaterThan(30);
    Set<String> actual = new TreeSet<>();
    for (String item : summary.sink("b-alerts").orElseThrow().records()) {
      JsonNode alert = JSON.readTree(item);
      actual.add(alert.get("id").asLong() + "@" + alert.get("customer").asText() + "@" + alert.get("spent").asLong()
          + "@" + alert.get("max").asLong());
    }
    assertThat(actual).isEqualTo(expected);
  }
}
