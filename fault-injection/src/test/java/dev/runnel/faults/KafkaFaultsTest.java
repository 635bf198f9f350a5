package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.emulators.KafkaBroker;
import dev.runnel.examples.payments.PaymentBalances;
import dev.runnel.faults.inject.KafkaFaultyPartitions;
import dev.runnel.functions.ConsoleOutput;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.kafka.IdentityHeader;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.localrunner.esm.KafkaEventSourceMapping;
import dev.runnel.localrunner.esm.MappingSettings;
import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.localrunner.esm.ShardProgress;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.input.TopicFeeder;
import dev.runnel.localrunner.provision.Provisioner;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.Planner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly once over Kafka under faults: PaymentBalances (a source topic, a repartition topic, a keyed stage, a sink
 * topic) driven by the local Kafka event source mapping on the embedded broker and DynamoDB Local, every function
 * crashing after commit steps (and coming back as a new instance) and events delivered twice, as the dice decide.
 * Readers drop copies by the {@code runnel-id} header; what they keep must be the failure-free result: every
 * account's balances counted 1..n once each, the last holding the account's sum (keyed state applied once), and
 * the malformed line dead-lettered once.
 */
class KafkaFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = "runnel/inputs/payments/payments-in.jsonl";
  private static LocalEmulators emulators;
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = new KafkaBroker().start();
    emulators = LocalEmulators.start();
  }

  @AfterAll
  static void stop() {
    if (emulators != null) {
      emulators.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * Three fixed cases in {@code mvn verify}; a soak with {@code -Drunnel.kafka.soak.runs=N} (seeds from
   * {@code -Drunnel.faults.seed}, default 1501), the layouts taking turns.
   */
  static Stream<Arguments> cases() {
    Integer runs = Integer.getInteger("runnel.kafka.soak.runs");
    if (runs == null) {
      return Stream.of(Arguments.of(1501L, StateLayout.KEYS), Arguments.of(1502L, StateLayout.LOG),
          Arguments.of(1503L, StateLayout.LOG));
    }
    long first = Long.getLong("runnel.faults.seed", 1501L);
    return LongStream.range(first, first + runs)
        .mapToObj(seed -> Arguments.of(seed, seed % 2 == 0 ? StateLayout.LOG : StateLayout.KEYS));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void crashesAfterEveryCommitStepAndRedeliveriesLoseAndDuplicateNothing(long seed, StateLayout layout)
      throws Exception {
    Plan plan = Planner.plan(PaymentBalances.class, layout);
    FaultPlan faults = FaultPlan.none(seed)
        .with(FaultKind.CRASH_AFTER_STARTED, 0.1)
        .with(FaultKind.CRASH_AFTER_PROCESSED, 0.15)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.2)
        .with(FaultKind.CRASH_AFTER_STATE_WRITTEN, 0.15)
        .with(FaultKind.CRASH_AFTER_CHECKPOINT_COMMITTED, 0.15)
        .with(FaultKind.CRASH_AFTER_SNAPSHOT_WRITTEN, 0.3)
        .with(FaultKind.CRASH_AFTER_SNAPSHOT_COMMITTED, 0.3)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.3);
    reset(plan);
    new Provisioner(emulators.kinesis(), emulators.dynamoDb(), broker.bootstrapServers()).provision(plan);
    try (TopicFeeder feeder = new TopicFeeder(broker.bootstrapServers(), rejected -> { })) {
      feeder.feed(InputSource.bundled(plan.job(), "payments-in", getClass().getClassLoader()).orElseThrow());
    }

    FaultLog log = new FaultLog();
    List<OnFailureEvent> discarded = new CopyOnWriteArrayList<>();
    List<KafkaEventSourceMapping> mappings = new ArrayList<>();
    try (KafkaOutput kafka = KafkaOutput.of(broker.bootstrapServers())) {
      StageResources resources = new StageResources(emulators.kinesis(), emulators.dynamoDb(),
          (ConsoleOutput) (sink, json) -> { }, CommitObserver.NONE).withKafka(kafka);
      try {
        for (StageSpec stage : plan.stages()) {
          KafkaEventSourceMapping mapping = new KafkaEventSourceMapping(broker.bootstrapServers(),
              MappingSettings.of(stage.id(), stage.input().stream(), new BatchingSpec(8, 0, true, -1, 1))
                  .withPollInterval(Duration.ofMillis(50)),
              new KafkaFaultyPartitions(plan, stage.id(), resources, faults, log), discarded::add);
          mappings.add(mapping);
          mapping.start();
        }
        // until every expected balance is there and every partition is idle, or 120 s passed (then the checks below
        // say what is wrong)
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !(kept(sink()).size() >= 119 && mappings.stream().allMatch(
            m -> m.failures().isEmpty() && m.progress().stream().allMatch(ShardProgress::idle)))) {
          Thread.sleep(500);
        }
        mappings.forEach(m -> assertThat(m.failures()).as("mapping of " + m.settings().functionName()).isEmpty());
      } finally {
        mappings.forEach(KafkaEventSourceMapping::close);
      }
    }

    List<ConsumerRecord<byte[], byte[]>> raw = sink();
    List<String> kept = kept(raw);
    assertThat(kept).as("balances kept after dropping copies by runnel-id (faults " + log.counts() + ")")
        .hasSize(119);
    assertThat(discarded).isEmpty();
    assertThat(log.counts().keySet()).as("faults happened: " + log.counts())
        .contains(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, FaultKind.CRASH_AFTER_CHECKPOINT_COMMITTED,
            FaultKind.DUPLICATE_DELIVERY);
    Map<String, List<Long>> counts = new TreeMap<>();
    Map<String, List<Long>> last = new TreeMap<>();
    for (String record : kept) {
      PaymentBalances.Balance balance = JSON.readValue(record, PaymentBalances.Balance.class);
      counts.computeIfAbsent(balance.account(), a -> new ArrayList<>()).add(balance.payments());
      if (!last.containsKey(balance.account()) || last.get(balance.account()).get(0) < balance.payments()) {
        last.put(balance.account(), List.of(balance.payments(), balance.cents()));
      }
    }
    counts.forEach((account, seen) -> assertThat(seen.stream().sorted().toList()).as("no balance lost or applied "
        + "twice for " + account).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList()));
    assertThat(last).isEqualTo(reference());
    TableSpec deadLetters = plan.deadLetterTable();
    assertThat(emulators.dynamoDb().scan(b -> b.tableName(deadLetters.name())).items()).hasSize(1);
    System.out.printf("seed %d %s: %d sink records, %d kept, faults %s%n", seed, layout, raw.size(), kept.size(),
        log.counts());
  }

  /** The sink topic's records, every partition from its start. */
  private static List<ConsumerRecord<byte[], byte[]>> sink() {
    Properties properties = broker.clientProperties(Map.of(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = consumer.partitionsFor("payments-balances").stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  /** The values a reader keeps, dropping copies by the identity header (stage, shard, sequence number, index). */
  private static List<String> kept(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, String> byOutput = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String id = new String(record.headers().lastHeader(IdentityHeader.NAME).value(), StandardCharsets.UTF_8);
      String[] parts = id.split("\\|");
      byOutput.putIfAbsent(parts[1] + "|" + parts[2] + "|" + parts[3] + "|" + parts[4],
          new String(record.value(), StandardCharsets.UTF_8));
    }
    return List.copyOf(byOutput.values());
  }

  /** Per account: payments and their sum, from the input file. */
  private static Map<String, List<Long>> reference() throws Exception {
    Map<String, List<Long>> totals = new TreeMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        KafkaFaultsTest.class.getClassLoader().getResourceAsStream(INPUT), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        PaymentBalances.Payment payment;
        try {
          payment = JSON.readValue(line, PaymentBalances.Payment.class);
        } catch (Exception malformed) {
          continue;
        }
        List<Long> before = totals.getOrDefault(payment.account(), List.of(0L, 0L));
        totals.put(payment.account(), List.of(before.get(0) + 1, before.get(1) + payment.cents()));
      }
    }
    return totals;
  }

  /** Deletes the plan's tables and topics left by an earlier run. */
  private static void reset(Plan plan) throws Exception {
    List<String> tables = emulators.dynamoDb().listTables().tableNames();
    for (TableSpec table : plan.tables()) {
      if (tables.contains(table.name())) {
        emulators.dynamoDb().deleteTable(b -> b.tableName(table.name()));
      }
    }
    try (Admin admin = broker.admin()) {
      List<String> existing = admin.listTopics().names().get().stream().filter(plan.kafkaTopics()::contains)
          .toList();
      admin.deleteTopics(existing).all().get();
      while (admin.listTopics().names().get().stream().anyMatch(existing::contains)) {
        Thread.sleep(100);
      }
    }
  }
}
