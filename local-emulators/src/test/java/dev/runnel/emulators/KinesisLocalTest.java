package dev.runnel.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

class KinesisLocalTest {
  private static KinesisLocal kinesis;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = new KinesisLocal().start();
    client = kinesis.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    kinesis.close();
  }

  @Test
  void putsAndGetsRecordsOverCbor() throws Exception {
    client.createStream(b -> b.streamName("emulator-test").shardCount(1));
    awaitActive(client, "emulator-test");
    for (String value : List.of("one", "two", "three")) {
      client.putRecord(b -> b.streamName("emulator-test").partitionKey("k")
          .data(SdkBytes.fromString(value, StandardCharsets.UTF_8)));
    }
    String shardId = client.listShards(b -> b.streamName("emulator-test")).shards().get(0).shardId();
    String iterator = client.getShardIterator(b -> b.streamName("emulator-test").shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

    List<Record> records = client.getRecords(b -> b.shardIterator(iterator)).records();

    assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("one", "two", "three");
    assertThat(records).extracting(Record::approximateArrivalTimestamp).doesNotContainNull();
  }

  @Test
  void writesItsOutputToALogFileUnderTheToolsDirectory() {
    Path log = kinesis.logFile();
    assertThat(log).startsWith(ToolsDirectory.resolve()).exists();
  }

  @Test
  void closeLeavesNoNodeProcessBehind() throws Exception {
    KinesisLocal second = new KinesisLocal().start();
    long pid = second.pid();
    try (KinesisClient secondClient = second.client()) {
      secondClient.createStream(b -> b.streamName("short-lived").shardCount(1));
      awaitActive(secondClient, "short-lived");
      secondClient.putRecord(b -> b.streamName("short-lived").partitionKey("k").data(SdkBytes.fromUtf8String("x")));
    }
    List<ProcessHandle> tree = ProcessHandle.of(pid).stream()
        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .toList();
    assertThat(tree).isNotEmpty().allMatch(ProcessHandle::isAlive);

    long started = System.nanoTime();
    second.close();

    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("node stops on SIGTERM, no SIGKILL")
        .isLessThan(java.time.Duration.ofSeconds(4));
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(ProcessHandle.of(pid)).isEmpty();
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    List<String> sockets = new java.util.ArrayList<>();
    for (ProcessHandle process : ProcessHandle.of(kinesis.pid()).orElseThrow().descendants().toList()) {
      sockets.addAll(ListeningSockets.of(process.pid()));
    }
    assertThat(sockets).hasSize(2).allMatch(ListeningSockets::loopback);
  }

  @Test
  void aPersistentEmulatorKeepsItsStreamsAcrossAStop(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (KinesisLocal first = KinesisLocal.persistentIn(dir).start(); KinesisClient firstClient = first.client()) {
      firstClient.createStream(b -> b.streamName("kept").shardCount(1));
      awaitActive(firstClient, "kept");
      for (int i = 0; i < 50; i++) {
        String value = "r" + i;
        firstClient.putRecord(b -> b.streamName("kept").partitionKey(value).data(SdkBytes.fromUtf8String(value)));
      }
    } // closed right after the last put: what it saves on the way out must have it

    try (KinesisLocal second = KinesisLocal.persistentIn(dir).start(); KinesisClient secondClient = second.client()) {
      String shardId = secondClient.listShards(b -> b.streamName("kept")).shards().get(0).shardId();
      String iterator = secondClient.getShardIterator(b -> b.streamName("kept").shardId(shardId)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      List<Record> records = secondClient.getRecords(b -> b.shardIterator(iterator)).records();
      assertThat(records).hasSize(50);
      assertThat(records.get(49).data().asUtf8String()).isEqualTo("r49");
      var next = secondClient.putRecord(b -> b.streamName("kept").partitionKey("k").data(SdkBytes.fromUtf8String("x")));
      assertThat(new java.math.BigInteger(next.sequenceNumber()))
          .isGreaterThan(new java.math.BigInteger(records.get(49).sequenceNumber()));
    }
  }

  @Test
  void ensureInstalledIsANoOpWhenThePinnedVersionIsPresent() throws Exception {
    Path packageJson = ToolsDirectory.resolve().resolve("kinesis-local/node_modules/kinesis-local/package.json");
    long before = Files.getLastModifiedTime(packageJson).toMillis();

    KinesisLocal.ensureInstalled(ToolsDirectory.resolve());

    assertThat(Files.getLastModifiedTime(packageJson).toMillis()).isEqualTo(before);
    assertThat(Files.readString(packageJson)).contains("\"version\" : \"0.6.2\"");
  }

  private static void awaitActive(KinesisClient client, String stream) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (client.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
          == StreamStatus.ACTIVE) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("stream " + stream + " never became ACTIVE");
  }
}
