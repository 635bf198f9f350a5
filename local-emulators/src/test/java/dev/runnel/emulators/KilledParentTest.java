package dev.runnel.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A JVM holding the emulators is killed with SIGKILL: none of its emulator processes survives it, none listened
 * beyond loopback, no native library is left in its temporary directory, and the persistent emulators started again
 * on the same directories have everything it wrote.
 */
class KilledParentTest {
  private static final int RECORDS = 300;

  @TempDir
  Path dir;

  @Test
  void emulatorsDieWithAKilledJvmAndTheirDataSurvivesIt() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp,
        "-D" + ToolsDirectory.PROPERTY + "=" + ToolsDirectory.resolve(), "-cp", System.getProperty("java.class.path"),
        EmulatorHolder.class.getName(), dir.toString(), Integer.toString(RECORDS))
        .redirectErrorStream(true).start();
    List<ProcessHandle> emulators;
    List<String> commands;
    List<String> sockets = new ArrayList<>();
    try {
      awaitReady(holder);
      emulators = holder.descendants().toList();
      commands = emulators.stream().map(p -> p.info().command().orElse("?")).toList();
      for (ProcessHandle process : Stream.concat(Stream.of(holder.toHandle()), emulators.stream()).toList()) {
        sockets.addAll(ListeningSockets.of(process.pid()));
      }
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
    }
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(commands).anyMatch(command -> command.endsWith("node")).anyMatch(command -> command.contains("python"));
    assertThat(sockets).hasSizeGreaterThanOrEqualTo(4).allMatch(ListeningSockets::loopback);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (emulators.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(emulators).as("emulator processes still alive after their JVM was killed")
        .noneMatch(ProcessHandle::isAlive);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("sqlite"));
    }

    try (KinesisLocal kinesisLocal = KinesisLocal.persistentIn(dir.resolve("kinesis")).start();
         KinesisClient kinesis = kinesisLocal.client()) {
      assertThat(readAll(kinesis, "kept")).hasSize(RECORDS);
    }
    try (DynamoDbLocal dynamoDbLocal = DynamoDbLocal.persistentIn(dir.resolve("dynamodb")).start();
         DynamoDbClient dynamoDb = dynamoDbLocal.client()) {
      assertThat(dynamoDb.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("one")))).item())
          .containsEntry("value", AttributeValue.fromS("kept across kill -9"));
    }
  }

  private static void awaitReady(Process holder) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      if (line.startsWith("READY")) {
        return;
      }
    }
    throw new AssertionError("the emulator holder exited before it was ready:\n" + seen);
  }

  private static List<String> readAll(KinesisClient kinesis, String stream) {
    List<String> records = new ArrayList<>();
    for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        var response = kinesis.getRecords(b -> b.shardIterator(current));
        response.records().forEach(r -> records.add(r.data().asUtf8String()));
        iterator = response.records().isEmpty() ? null : response.nextShardIterator();
      }
    }
    return records;
  }
}
