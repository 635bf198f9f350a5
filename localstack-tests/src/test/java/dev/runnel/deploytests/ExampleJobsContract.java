package dev.runnel.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.deploytests.readback.DeployedMapping;
import dev.runnel.deploytests.readback.DeployedMappings;
import dev.runnel.deploytests.support.DeployedExamples;
import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.planner.Planner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs example jobs through the local event source mapping configured from the mappings deployed on the backend
 * (batch size, window, bisect, retries and parallelization factor read back through the Lambda API) and checks
 * their outputs against a sequential evaluation of the job's methods. Runs on each backend through a subclass.
 */
abstract class ExampleJobsContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stacks deployed on the backend under test. */
  abstract DeployedExamples deployed();

  @Test
  void clickCountsKeepEachUsersTotalsExactlyOnce() throws Exception {
    RunSummary summary = run(ClickCounts.class);
    Map<String, Long> expected = new TreeMap<>();
    for (String line : lines("runnel/inputs/clicks/clicks-in.jsonl")) {
      expected.merge(JSON.readTree(line).path("user").asText(), 1L, Long::sum);
    }
    Map<String, Long> actual = new TreeMap<>();
    for (String item : summary.sink("clicks-per-user").orElseThrow().records()) {
      actual.put(JSON.readTree(item).path("user").asText(), JSON.readTree(item).path("clicks").asLong());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(summary.sink("clicks-console").orElseThrow().records()).hasSize(300);
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
  }

  @Test
  void orderRoutingShipsTotalsAndDeadLettersAsASequentialEvaluation() throws Exception {
    RunSummary summary = run(OrderRouting.class);
    List<String> lines = lines("runnel/inputs/orders/orders-in.jsonl");
    OrderRouting job = new OrderRouting();
    Map<String, List<Long>> totals = new TreeMap<>();
    long shipments = 0;
    for (String line : lines) {
      OrderRouting.Order order;
      OrderRouting.Routed routed;
      try {
        order = JSON.readValue(line, OrderRouting.Order.class);
        if (!job.valid(order)) {
          continue;
        }
        routed = job.route(order);
      } catch (Exception droppedOrDeadLettered) {
        continue;
      }
      shipments += job.ship(routed).stream().filter(job::large).count();
      long cents = order.lines().stream().mapToLong(l -> Math.max(0, l.quantity()) * l.unitCents()).sum();
      List<Long> before = totals.getOrDefault(order.customer(), List.of(0L, 0L));
      totals.put(order.customer(), List.of(before.get(0) + 1, before.get(1) + cents));
    }
    Map<String, List<Long>> actual = new TreeMap<>();
    for (String item : summary.sink("orders-customer-totals").orElseThrow().records()) {
      var node = JSON.readTree(item);
      actual.put(node.path("customer").asText(), List.of(node.path("orders").asLong(), node.path("cents").asLong()));
    }
    assertThat(actual).isEqualTo(totals);
    assertThat(summary.sink("orders-shipments").orElseThrow().records()).hasSize((int) shipments);
    assertThat(summary.sink("orders-shipments-out").orElseThrow().records()).hasSize((int) shipments);
    assertThat(summary.deadLetters()).extracting(DeadLetter::stage).containsExactly("orders-1", "orders-1");
    assertThat(summary.discardedBatches()).isEmpty();
  }

  /** Runs the job on the backend's data plane with each stage's deployed mapping settings. */
  private RunSummary run(Class<?> jobClass) {
    Plan plan = Planner.plan(jobClass);
    Map<String, BatchingSpec> deployed = DeployedMappings.batchingByStage(deployed().mappings());
    Map<String, BatchingSpec> batching = new LinkedHashMap<>();
    for (StageSpec stage : plan.stages()) {
      assertThat(deployed).as("a deployed event source mapping for stage " + stage.id()).containsKey(stage.id());
      batching.put(stage.id(), deployed.get(stage.id()));
    }
    DeployedMapping first = deployed().mappings().stream().filter(m -> batching.containsKey(m.stage())).findFirst()
        .orElseThrow();
    System.out.printf("[localstack-tests] running %s on %s with the deployed mappings of %s (e.g. %s: %s)%n",
        plan.job(), deployed().backend().description(), batching.keySet(), first.stage(), first.batching());
    RunOptions options = RunOptions.defaults().withBatching(batching)
        .withProgress(line -> System.out.println("[localstack-tests] " + plan.job() + ": " + line));
    return new JobRun(plan, deployed().backend().dataKinesis(), deployed().backend().dataDynamoDb(), options).run();
  }

  private static List<String> lines(String resource) throws Exception {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        ExampleJobsContract.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
