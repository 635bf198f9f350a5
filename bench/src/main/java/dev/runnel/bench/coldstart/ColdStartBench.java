package dev.runnel.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.checkpointing.progress.ProgressTable;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.examples.orders.OrderRouting;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Cold start of a fresh JVM handling one 100-record batch of the demo's first stage: Runnel's stage function as the
 * templates deploy it ({@code StageStreamHandler}, which parses the event itself) against a hand-written handler
 * doing the same work and a trivial handler. Rounds are interleaved so that machine
 * noise hits every variant alike; the first round warms the page cache and is not counted.
 *
 * <p>Run: {@code bench/cold-start [rounds]} (default 10).
 */
public final class ColdStartBench {
  static final String RUNNEL = "runnel stage function";
  static final String HAND_WRITTEN = "hand-written handler";
  static final String TRIVIAL = "trivial handler";

  private ColdStartBench() {}

  /** Runs the benchmark and prints the report. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    ColdStartMeasurement measurement = measure(rounds);
    System.out.println(report(measurement.runs(), rounds));
  }

  /** Starts the emulators, runs a warm-up round and {@code rounds} counted rounds of every variant. */
  static ColdStartMeasurement measure(int rounds) throws Exception {
    Path work = Files.createTempDirectory("runnel-cold-start");
    int run = 0;
    try (KinesisLocal kinesisLocal = new KinesisLocal().start();
        DynamoDbLocal dynamoDbLocal = new DynamoDbLocal().start()) {
      try (KinesisClient kinesis = kinesisLocal.client(); DynamoDbClient dynamoDb = dynamoDbLocal.client()) {
        kinesis.createStream(r -> r.streamName("orders-route").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName("orders-route"));
        dynamoDb.createTable(r -> r.tableName("orders-dead-letters").billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(KeySchemaElement.builder().attributeName("source").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("position").keyType(KeyType.RANGE).build())
            .attributeDefinitions(
                AttributeDefinition.builder().attributeName("source").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("position").attributeType(ScalarAttributeType.S).build()));
        // The demo keeps keyed state, so its stages run exactly once and commit a checkpoint per batch.
        CheckpointTable.create(dynamoDb, "orders-checkpoints");
        // It has event time too, so stages also publish their watermark to the progress table.
        ProgressTable.create(dynamoDb, "orders-progress");
      }
      Map<String, String> aws = Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "runnellocal",
          "AWS_SECRET_ACCESS_KEY", "runnellocal", "RUNNEL_KINESIS_ENDPOINT", kinesisLocal.endpoint().toString(),
          "RUNNEL_DYNAMODB_ENDPOINT", dynamoDbLocal.endpoint().toString());
      Map<String, String> stage = new LinkedHashMap<>(aws);
      stage.put("RUNNEL_STAGE", "orders-1");
      stage.put("RUNNEL_PLAN_RESOURCE", "/runnel/plans/orders.json");
      List<ColdStartVariant> variants = List.of(
          new ColdStartVariant(RUNNEL, "dev.runnel.functions.StageStreamHandler", stage),
          new ColdStartVariant(HAND_WRITTEN, HandWrittenStageHandler.class.getName(), aws),
          new ColdStartVariant(TRIVIAL, TrivialHandler.class.getName(), aws));
      Map<String, List<ColdStartRun>> runs = new LinkedHashMap<>();
      variants.forEach(v -> runs.put(v.label(), new ArrayList<>()));
      for (int round = 0; round <= rounds; round++) {
        for (ColdStartVariant variant : variants) {
          // A fresh shard per run: the demo runs exactly once, so a batch its checkpoint covers would do nothing.
          Path event = work.resolve("kinesis-event-" + run + ".json");
          Files.writeString(event, kinesisEvent(100, run++));
          ColdStartRun measured = probe(variant, event);
          if (round > 0) {
            runs.get(variant.label()).add(measured);
          }
        }
      }
      try (KinesisClient kinesis = kinesisLocal.client()) {
        return new ColdStartMeasurement(runs, countRecords(kinesis, "orders-route"));
      }
    }
  }

  /** How many data records a stream holds (watermark markers left out), read from the start of every shard. */
  static int countRecords(KinesisClient kinesis, String stream) {
    int count = 0;
    for (var shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON))
          .shardIterator();
      while (iterator != null) {
        String current = iterator;
        var response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
        count += (int) response.records().stream()
            .filter(r -> !dev.runnel.functions.time.WatermarkMarker.isMarker(r.partitionKey())).count();
        iterator = response.millisBehindLatest() == 0 && response.records().isEmpty() ? null : response.nextShardIterator();
      }
    }
    return count;
  }

  /** Spawns one probe JVM with Lambda's default JIT flags and returns what it measured. */
  static ColdStartRun probe(ColdStartVariant variant, Path event) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // the probe logs as the function package does: through logback (JSON lines), not the bench's slf4j-simple
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("slf4j-simple")).collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-cp", classpath, ColdStartProbe.class.getName(), variant.handlerClass(), event.toString());
    builder.environment().putAll(variant.environment());
    Path errors = Files.createTempFile("runnel-cold-start", ".err");
    builder.redirectError(errors.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double wallMs = (System.nanoTime() - start) / 1e6;
    String line = output.lines().filter(l -> l.startsWith("probe ")).findFirst()
        .orElseThrow(() -> new IllegalStateException(variant.label() + " probe exited " + exit + ": " + output
            + readQuietly(errors)));
    String[] fields = line.split(" ");
    if (exit != 0 || !fields[4].equals("0")) {
      throw new IllegalStateException(variant.label() + " probe failed (exit " + exit + "): " + output
          + Files.readString(errors));
    }
    Files.delete(errors);
    return new ColdStartRun(wallMs, Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
        Double.parseDouble(fields[3]));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no error output: " + e.getMessage() + ")";
    }
  }

  /** The report: median and p90 per variant, and Runnel's ratios to the plain handlers. */
  static String report(Map<String, List<ColdStartRun>> runs, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append("Cold start: fresh JVM (-XX:TieredStopAtLevel=1, as Lambda), one 100-record Kinesis batch, ")
        .append(rounds).append(" interleaved rounds, Java ").append(System.getProperty("java.version")).append('\n');
    out.append(String.format("%-22s %12s %12s %12s %12s%n", "handler", "wall p50 ms", "wall p90 ms", "init p50 ms",
        "invoke p50 ms"));
    runs.forEach((label, list) -> out.append(String.format("%-22s %12.0f %12.0f %12.0f %12.0f%n", label,
        percentile(list, ColdStartRun::wallMs, 50), percentile(list, ColdStartRun::wallMs, 90),
        percentile(list, ColdStartRun::initMs, 50), percentile(list, ColdStartRun::invokeMs, 50))));
    double runnel = percentile(runs.get(RUNNEL), ColdStartRun::wallMs, 50);
    out.append(String.format("ratio runnel / hand-written (wall p50): %.2f%n",
        runnel / percentile(runs.get(HAND_WRITTEN), ColdStartRun::wallMs, 50)));
    out.append(String.format("ratio runnel / trivial      (wall p50): %.2f%n",
        runnel / percentile(runs.get(TRIVIAL), ColdStartRun::wallMs, 50)));
    return out.toString();
  }

  static double percentile(List<ColdStartRun> runs, java.util.function.ToDoubleFunction<ColdStartRun> metric, int p) {
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
    return values[Math.max(0, Math.min(values.length - 1, index))];
  }

  /** A Lambda Kinesis event of {@code count} valid demo orders on shard number {@code shard}, as Lambda sends it. */
  static String kinesisEvent(int count, int shard) throws IOException {
    String shardId = String.format("shardId-%012d", shard);
    ObjectMapper json = new ObjectMapper();
    ObjectNode event = json.createObjectNode();
    ArrayNode records = event.putArray("Records");
    BigInteger sequence = new BigInteger("49590338271490256608559692538361571095921575989136588802");
    for (int i = 0; i < count; i++) {
      var order = new OrderRouting.Order("o" + i, 1_763_700_000_000L + i * 1_000L, "customer-" + (i % 17), "DE",
          List.of(new OrderRouting.Line("book", 1 + i % 3, 1500)));
      ObjectNode record = records.addObject();
      ObjectNode kinesis = record.putObject("kinesis");
      kinesis.put("kinesisSchemaVersion", "1.0");
      kinesis.put("partitionKey", order.customer());
      kinesis.put("sequenceNumber", sequence.add(BigInteger.valueOf(i)).toString());
      kinesis.put("data", Base64.getEncoder().encodeToString(json.writeValueAsBytes(order)));
      // arrives half a second after its event time, as a live order would (the source refuses event times more than
      // a day ahead of arrival: @EventTime(maxAhead))
      kinesis.put("approximateArrivalTimestamp", (order.at() + 500) / 1000.0);
      record.put("eventSource", "aws:kinesis");
      record.put("eventVersion", "1.0");
      record.put("eventID", shardId + ":" + sequence.add(BigInteger.valueOf(i)));
      record.put("eventName", "aws:kinesis:record");
      record.put("invokeIdentityArn", "arn:aws:iam::000000000000:role/runnel-orders-1");
      record.put("awsRegion", "us-east-1");
      record.put("eventSourceARN", "arn:aws:kinesis:us-east-1:000000000000:stream/orders-in");
    }
    return json.writeValueAsString(event);
  }
}
