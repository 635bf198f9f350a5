package dev.runnel.examples.hotitems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.EmulatorCredentials;
import dev.runnel.examples.WireRequests;
import dev.runnel.functions.requests.OperationRequests;
import dev.runnel.functions.requests.RequestCounter;
import dev.runnel.functions.requests.ServiceRequests;
import dev.runnel.localrunner.run.FunctionClients;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.functions.requests.RequestBreakdown;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.Planner;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The run summary's requests equal what went over the wire. HotItems (sliding windows firing into a keyed ranking,
 * watermark markers, ticks, a table sink) runs on kinesis-local and DynamoDB Local; every SDK client, the runner's
 * and each function instance's, sends through a {@link WireRequests} HTTP client that counts requests and reads
 * the consumed capacity from the responses itself. Per stage, the summary's counts (from the clients'
 * {@link RequestCounter}) must equal that count, operation by operation and table by table, and the runner's own
 * clients must not have sent any of a function's requests.
 */
class HotItemsRequestCountsTest {
  private static final Map<String, WireRequests> FUNCTION_WIRES = new ConcurrentHashMap<>();
  private static final WireRequests RUNNER_WIRE = new WireRequests();
  private static LocalEmulators emulators;
  private static Plan plan;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() {
    emulators = LocalEmulators.start();
    plan = Planner.plan(HotItems.class);
    FunctionClients functionClients = new FunctionClients() {
      @Override
      public KinesisClient kinesis(String stageId, RequestCounter counter) {
        return kinesisClient(wire(stageId), counter);
      }

      @Override
      public DynamoDbClient dynamoDb(String stageId, RequestCounter counter) {
        return dynamoDbClient(wire(stageId), counter);
      }
    };
    try (KinesisClient kinesis = kinesisClient(RUNNER_WIRE, null);
         DynamoDbClient dynamoDb = dynamoDbClient(RUNNER_WIRE, null)) {
      summary = new JobRun(plan, kinesis, dynamoDb, functionClients, RunOptions.defaults()).run();
    }
    new SummaryPrinter(3).print(summary, System.out);
  }

  @AfterAll
  static void stop() {
    FUNCTION_WIRES.values().forEach(WireRequests::close);
    RUNNER_WIRE.close();
    if (emulators != null) {
      emulators.close();
    }
  }

  @Test
  void eachStagesRequestsEqualWhatWentOverTheWire() {
    for (StageSpec stage : plan.stages()) {
      WireRequests wire = FUNCTION_WIRES.get(stage.id());
      ServiceRequests counted = summary.stage(stage.id()).orElseThrow().requests();
      assertThat(requests(counted)).as("requests of stage %s", stage.id()).isEqualTo(wire.requests());
      assertThat(rounded(units(counted))).as("capacity units of stage %s", stage.id())
          .isEqualTo(rounded(wire.units()));
    }
  }

  @Test
  void theSummaryCountsFiringsMarkersProgressAndTimers() {
    StageCounts windows = summary.stage("hotitems-2").orElseThrow();
    RequestBreakdown bill = RequestBreakdown.of(plan, windows.requests());
    assertThat(windows.fired()).as("windows fired").isPositive();
    assertThat(windows.putRecordsCalls()).as("PutRecords of firings and markers")
        .isEqualTo(FUNCTION_WIRES.get("hotitems-2").requests().get("Kinesis.PutRecords")).isPositive();
    assertThat(bill.progress().requests()).as("progress requests").isPositive();
    assertThat(bill.timers().requests()).as("no timer index in the state log layout, the default").isZero();
    assertThat(bill.state().requests()).as("state log requests").isPositive();
    assertThat(windows.stateWriteUnits()).as("state write units").isPositive();
    for (StageCounts stage : summary.stages()) {
      assertThat(stage.checkpointRequests()).as("checkpoint requests of %s", stage.stage()).isPositive();
    }
  }

  @Test
  void theRunnersOwnClientsSentNoneOfAFunctionsRequests() {
    Set<String> functionTables = plan.tables().stream()
        .filter(t -> t.role() == TableRole.STATE || t.role() == TableRole.CHECKPOINT || t.role() == TableRole.TIMERS
            || t.role() == TableRole.STATE_LOG)
        .map(TableSpec::name).collect(Collectors.toSet());
    Set<String> itemOperations = Set.of("GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem",
        "BatchWriteItem", "TransactWriteItems");
    assertThat(RUNNER_WIRE.requests().keySet()).as("item requests of the runner's own clients")
        .filteredOn(key -> key.startsWith("DynamoDb.")
            && itemOperations.contains(key.substring("DynamoDb.".length(), key.indexOf(' '))))
        .noneMatch(key -> functionTables.contains(key.substring(key.indexOf(' ') + 1)))
        .noneMatch(key -> plan.tables(TableRole.SINK).stream().anyMatch(t -> key.endsWith(" " + t.name())));
  }

  /** The counted requests in the wire's terms: Kinesis per operation, DynamoDB per operation and table. */
  private static Map<String, Long> requests(ServiceRequests counted) {
    Map<String, Long> requests = new TreeMap<>();
    for (OperationRequests op : counted.operations()) {
      if (op.requests() > 0) {
        String key = op.service() + "." + op.operation()
            + (op.service().equals(OperationRequests.DYNAMODB) ? " " + op.target() : "");
        requests.merge(key, op.requests(), Long::sum);
      }
    }
    return requests;
  }

  private static Map<String, Double> units(ServiceRequests counted) {
    Map<String, Double> units = new TreeMap<>();
    for (OperationRequests op : counted.operations()) {
      if (op.readUnits() + op.writeUnits() > 0) {
        units.merge(op.service() + "." + op.operation() + " " + op.target(), op.readUnits() + op.writeUnits(),
            Double::sum);
      }
    }
    return units;
  }

  /** Units in thousandths, leaving out what consumed none (DynamoDB Local reports 0 for reads finding nothing). */
  private static Map<String, Long> rounded(Map<String, Double> units) {
    Map<String, Long> rounded = new TreeMap<>();
    units.forEach((key, value) -> {
      if (Math.round(value * 1000) != 0) {
        rounded.put(key, Math.round(value * 1000));
      }
    });
    return rounded;
  }

  private static WireRequests wire(String stageId) {
    return FUNCTION_WIRES.computeIfAbsent(stageId, id -> new WireRequests());
  }

  private static KinesisClient kinesisClient(WireRequests wire, RequestCounter counter) {
    var builder = KinesisClient.builder().endpointOverride(emulators.kinesisEndpoint())
        .region(EmulatorCredentials.REGION).credentialsProvider(EmulatorCredentials.provider()).httpClient(wire);
    if (counter != null) {
      builder.overrideConfiguration(c -> c.addExecutionInterceptor(counter));
    }
    return builder.build();
  }

  private static DynamoDbClient dynamoDbClient(WireRequests wire, RequestCounter counter) {
    var builder = DynamoDbClient.builder().endpointOverride(emulators.dynamoDbEndpoint())
        .region(EmulatorCredentials.REGION).credentialsProvider(EmulatorCredentials.provider()).httpClient(wire);
    if (counter != null) {
      builder.overrideConfiguration(c -> c.addExecutionInterceptor(counter));
    }
    return builder.build();
  }
}
