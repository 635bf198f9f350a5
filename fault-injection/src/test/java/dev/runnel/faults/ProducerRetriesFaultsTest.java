package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.faults.jobs.RetriedOrders;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkRecord;
import dev.runnel.functions.exactlyonce.CommitStep;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Source(idField)} on DynamoDB Local and kinesis-local: a producer's input repeats orders with the same id
 * (next to the first copy, twice, and some three batches later). The failure-free run must equal a sequential
 * evaluation of the distinct ids; runs with crashes, redeliveries, re-splits and zombies must equal that run.
 */
class ProducerRetriesFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = "runnel/inputs/retried/retried-in.jsonl";

  @Test
  void everyOutputOfTheFailureFreeRunCountsEachIdOnce() throws Exception {
    List<JsonNode> lines = inputLines();
    Map<String, JsonNode> distinct = new LinkedHashMap<>();
    lines.forEach(order -> distinct.putIfAbsent(order.get("id").asText(), order));
    assertThat(lines.size() - distinct.size()).as("the input repeats orders").isGreaterThan(60);

    RunOutput run = SharedHarness.reference(RetriedOrders.class);

    List<String> accepted = new ArrayList<>();
    for (SinkRecord record : run.streams().get("retried-accepted")) {
      accepted.add(JSON.readTree(record.data()).get("id").asText());
    }
    assertThat(accepted).as("the source stage sends each id once").containsExactlyInAnyOrderElementsOf(
        distinct.keySet());

    Map<String, List<Long>> expected = new TreeMap<>();
    distinct.values().forEach(order -> expected.merge(order.get("customer").asText(),
        List.of(1L, order.get("cents").asLong()), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1))));
    Map<String, List<Long>> totals = new TreeMap<>();
    for (String item : run.tables().get("retried-totals")) {
      JsonNode total = JSON.readTree(item);
      totals.put(total.get("customer").asText(), List.of(total.get("orders").asLong(), total.get("cents").asLong()));
    }
    assertThat(totals).isEqualTo(expected);
    assertThat(run.deadLetters()).isEmpty();
    long skipped = run.summary().stage("retried-1").orElseThrow().skipped();
    assertThat(skipped).as("each later copy is counted as skipped").isEqualTo(lines.size() - distinct.size());
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.MATCH_NONE, names = {"ROUND_.*", "MODEL_.*", "SNAPSHOT_.*"})
  void crashAfterEachCommitStep(CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    assertExact(FaultPlan.none(300 + step.ordinal()).with(crash, 0.4), crash);
  }

  @Test
  void duplicateAndResplitDeliveries() {
    FaultReport report = assertExact(FaultPlan.none(311).with(FaultKind.DUPLICATE_DELIVERY, 0.5)
        .with(FaultKind.RESPLIT_DELIVERY, 0.5), FaultKind.RESPLIT_DELIVERY);
    assertThat(report.injected()).containsKey(FaultKind.DUPLICATE_DELIVERY);
  }

  @Test
  void zombieNextToItsRetry() {
    assertExact(FaultPlan.none(312).with(FaultKind.ZOMBIE, 0.6), FaultKind.ZOMBIE);
  }

  @ParameterizedTest
  @ValueSource(longs = {313, 314, 315})
  void crashesRedeliveriesAndZombiesTogether(long seed) {
    assertExact(FaultPlan.none(seed).with(FaultKind.crashAfter(CommitStep.OUTPUTS_WRITTEN), 0.2)
        .with(FaultKind.crashAfter(CommitStep.STATE_WRITTEN), 0.2).with(FaultKind.RESPLIT_DELIVERY, 0.3)
        .with(FaultKind.ZOMBIE, 0.3).with(FaultKind.DYNAMODB_THROTTLE, 0.05), FaultKind.ZOMBIE);
  }

  private static FaultReport assertExact(FaultPlan plan, FaultKind expectedFault) {
    FaultReport report = SharedHarness.check(RetriedOrders.class, plan);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }

  private static List<JsonNode> inputLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        ProducerRetriesFaultsTest.class.getClassLoader().getResourceAsStream(INPUT), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    return lines;
  }
}
