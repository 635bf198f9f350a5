package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.cli.jobs.Payments;
import dev.runnel.dashboard.HeadlessChromium;
import dev.runnel.dashboard.JobGraph;
import dev.runnel.emulators.MotoServer;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.infra.stack.RunnelMetrics;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.run.TickFunction;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code runnel status} and {@code runnel ui} on a deployed stack, CloudWatch included: {@code Payments}' SAM template
 * is deployed into moto_server; the job runs on the stack's streams and tables in moto (the local event source mapping
 * standing in for Lambda, which moto cannot run) and the Embedded Metric Format lines its functions print are
 * published with the SDK's {@code PutMetricData}, as CloudWatch Logs would. Every request goes through
 * {@link CloudWatchRpcV2Bridge}, since moto does not speak the SDK's CloudWatch protocol (RPC v2 CBOR). Then the
 * cost that {@code status} sums with {@code ListMetrics} and {@code GetMetricData} is the cost the functions
 * published, and the dashboard of {@code runnel ui --stack}, in headless Chromium, shows the job graph, the records
 * in and cost from CloudWatch (updating when more metrics arrive), each shard's committed position, and the dead
 * letter's payload. Skipped, saying why, without moto, aws-sam-translator or Chromium.
 */
class DashboardOnDeployedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("· dashboard: (http://127\\.0\\.0\\.1:\\d+/)");
  private static final int LINES = 12;
  private static MotoServer moto;
  private static CloudWatchRpcV2Bridge bridge;

  @TempDir
  Path dir;

  @BeforeAll
  static void startMoto() throws Exception {
    // moto's Kinesis speaks JSON only; the SDK signs with whatever credentials it finds: give it dummy ones
    System.setProperty("aws.cborEnabled", "false");
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try {
      moto = new MotoServer().start();
    } catch (RuntimeException e) {
      Assumptions.abort("moto_server cannot be started on this machine (" + e.getMessage() + ")");
    }
    bridge = CloudWatchRpcV2Bridge.start(moto.endpoint());
  }

  @AfterAll
  static void stopMoto() {
    if (bridge != null) {
      bridge.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void statusAndTheDashboardOfADeployedStackShowWhatItsFunctionsPublished() throws Exception {
    StringBuilder why = new StringBuilder();
    String chromium = HeadlessChromium.installed(why);
    Assumptions.assumeTrue(chromium != null, "headless Chromium is not available, the dashboard is not tested: " + why);
    Plan plan = Planner.plan(Payments.class);
    MotoStack.deploy(moto, plan, dir, "payments");
    List<String> first = run(plan, "first", LINES, 4);
    assertThat(EmfToCloudWatch.sum(first, "payments-1", RunnelMetrics.RECORDS_IN)).isGreaterThanOrEqualTo(LINES);
    double firstCost = EmfToCloudWatch.sum(first, "payments-2", RunnelMetrics.COST_ESTIMATE_USD);
    assertThat(firstCost).isPositive();
    String[] where = {"--stack", "payments", "--region", "us-east-1", "--endpoint-url", bridge.endpoint().toString()};
    try (CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(bridge.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
        .build()) {
      EmfToCloudWatch.publish(cloudWatch, first);

      // status sums the cost with ListMetrics + GetMetricData, in the SDK's CloudWatch protocol
      JsonNode status = JSON.readTree(OperationsOnLocalRunTest.runnel(args(where, "status",
          Payments.class.getName(), "--json")).out());
      assertThat(status.at("/stages/1/costUsd/unavailable").isNull()).as(status.toString()).isTrue();
      assertThat(status.at("/stages/1/costUsd/value").asDouble()).isCloseTo(firstCost, withinPercentage(0.01));
      assertThat(bridge.translated()).isPositive();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      AtomicInteger code = new AtomicInteger(-1);
      Thread ui = new Thread(() -> code.set(RunnelCommand.execute(new PrintWriter(out, true),
          new PrintWriter(err, true), args(where, "ui", Payments.class.getName(), "--every", "PT1S"))), "runnel-ui");
      ui.start();
      try {
        URI url = awaitUrl(out, err);
        try (HeadlessChromium page = HeadlessChromium.open(chromium, url, 1400, 1000)) {
          awaitTrue(page, "document.querySelectorAll('#graph g.node').length > 0", Duration.ofSeconds(15));
          Set<String> nodes = new java.util.HashSet<>();
          page.evaluate("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.id)")
              .forEach(n -> nodes.add(n.asText()));
          assertThat(nodes).isEqualTo(JobGraph.of(plan).nodes().stream().map(JobGraph.Node::id)
              .collect(Collectors.toSet()));
          awaitTrue(page, "document.getElementById('status').textContent === 'deployed'", Duration.ofSeconds(20));

          String inCell = "document.querySelector('#stages tr[data-stage=\"payments-1\"] .in').textContent";
          String costCell = "document.querySelector('#stages tr[data-stage=\"payments-2\"] .cost').textContent";
          long firstIn = Math.round(EmfToCloudWatch.sum(first, "payments-1", RunnelMetrics.RECORDS_IN));
          awaitTrue(page, inCell + " === '" + firstIn + "'", Duration.ofSeconds(20));
          // the page shows 8 decimals
          assertThat(Double.parseDouble(page.evaluate(costCell).asText())).isCloseTo(firstCost, within(1e-8));
          assertThat(page.evaluate("[...document.querySelectorAll('#dead-letters .payload')].map(p => p.textContent)")
              .toString()).contains("-5");
          JsonNode checkpoints = page.evaluate(
              "[...document.querySelectorAll('#shards tbody tr')].map(r => r.children[6].textContent)");
          assertThat(checkpoints).hasSize(plan.stages().size() * 2);
          checkpoints.forEach(c -> assertThat(c.asText()).matches("\\d+"));

          // the job runs again and its functions publish more: the page follows
          List<String> second = run(plan, "second", 6, -1);
          EmfToCloudWatch.publish(cloudWatch, second);
          long allIn = firstIn + Math.round(EmfToCloudWatch.sum(second, "payments-1", RunnelMetrics.RECORDS_IN));
          assertThat(allIn).isGreaterThan(firstIn);
          awaitTrue(page, inCell + " === '" + allIn + "'", Duration.ofSeconds(20));
          assertThat(Double.parseDouble(page.evaluate(costCell).asText())).isCloseTo(
              firstCost + EmfToCloudWatch.sum(second, "payments-2", RunnelMetrics.COST_ESTIMATE_USD), within(1e-8));
          page.screenshot(Path.of("target", "deployed-dashboard.png"));
        }
      } finally {
        ui.interrupt();
        ui.join(Duration.ofSeconds(20).toMillis());
      }
      assertThat(ui.isAlive()).isFalse();
      assertThat(code.get()).as(err.toString()).isZero();
    }
  }

  /**
   * Runs {@code plan} on the stack's streams and tables in moto with {@code lines} payments, line {@code refund} a
   * refund (none: -1); returns the EMF lines its functions printed.
   */
  private List<String> run(Plan plan, String name, int lines, int refund) throws Exception {
    Path input = dir.resolve(name + ".jsonl");
    List<String> payments = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      payments.add("{\"account\":\"acct" + (i % 3) + "\",\"amount\":" + (i == refund ? -5 : 10 + i) + "}");
    }
    Files.write(input, payments, StandardCharsets.UTF_8);
    List<String> emf = new CopyOnWriteArrayList<>();
    FunctionFactory printing = new FunctionFactory() {
      @Override
      public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
          StageResources resources, Function<StageResources, StageHandler> newHandler) {
        return newHandler.apply(resources.withMetrics(emf::add));
      }

      @Override
      public TickFunction ticker(String stageId, StageResources resources,
          Function<StageResources, StageHandler> newHandler) {
        return newHandler.apply(resources.withMetrics(emf::add))::tick;
      }
    };
    try (KinesisClient kinesis = moto.configure(KinesisClient.builder())
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
         DynamoDbClient dynamoDb = moto.configure(DynamoDbClient.builder())
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      RunSummary run = new JobRun(plan, kinesis, dynamoDb, RunOptions.defaults().withFunctions(printing)
          .withInputs(List.of(InputSource.file("payments-in", input)))).run();
      assertThat(run.deadLetters()).isNotEmpty();
    }
    assertThat(emf).isNotEmpty();
    return List.copyOf(emf);
  }

  private static URI awaitUrl(StringWriter out, StringWriter err) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = URL.matcher(out.toString());
      if (matcher.find()) {
        return URI.create(matcher.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("runnel ui printed no URL; out:\n" + out + "\nerr:\n" + err);
  }

  private static void awaitTrue(HeadlessChromium page, String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!page.evaluate(expression).asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never had " + expression + "; it shows:\n"
            + page.evaluate("document.body.innerText"));
      }
      Thread.sleep(200);
    }
  }

  /** The command's arguments, then the target's. */
  private static String[] args(String[] where, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(where));
    return all.toArray(String[]::new);
  }
}
