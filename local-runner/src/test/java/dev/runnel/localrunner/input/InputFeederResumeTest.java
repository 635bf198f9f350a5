package dev.runnel.localrunner.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.run.LocalEmulators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * On kinesis-local: a stream holding what an interrupted feed of two inputs wrote (the first input whole, the
 * second in part and not as a prefix), fed again with what {@link AlreadyFed#readBack} finds, ends with every line of
 * both inputs exactly once.
 */
class InputFeederResumeTest {
  private static final String STREAM = "resume-in";

  @TempDir
  static Path dir;

  private static LocalEmulators emulators;

  @BeforeAll
  static void start() {
    emulators = LocalEmulators.start();
  }

  @AfterAll
  static void stop() {
    emulators.close();
  }

  @Test
  void aResumedFeedWritesEachLineOfEveryInputExactlyOnce() throws Exception {
    KinesisClient kinesis = emulators.kinesis();
    kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
    while (kinesis.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      Thread.sleep(50);
    }
    InputSource first = input("first", 40);
    InputSource second = input("second", 30);
    // the interrupted feed: all of the first input, then lines 1-10 and 14-20 of the second (11-13 failed in their
    // PutRecords call and were to be resent when the run was killed)
    for (int line = 1; line <= 40; line++) {
      put(kinesis, line, "first", line);
    }
    for (int line : IntStream.rangeClosed(1, 20).filter(n -> n < 11 || n > 13).toArray()) {
      put(kinesis, line, "second", line);
    }

    AlreadyFed already = AlreadyFed.readBack(kinesis, STREAM);
    InputFeeder feeder = new InputFeeder(kinesis, rejected -> { });
    FedLines firstFed = feeder.feed(first, already);
    FedLines secondFed = feeder.feed(second, already);

    assertThat(already.total()).isEqualTo(57);
    assertThat(firstFed).isEqualTo(new FedLines(40, 0, 0, 40));
    assertThat(secondFed).isEqualTo(new FedLines(30, 0, 0, 17));
    List<String> expected = new ArrayList<>();
    IntStream.rangeClosed(1, 40).forEach(n -> expected.add(line("first", n)));
    IntStream.rangeClosed(1, 30).forEach(n -> expected.add(line("second", n)));
    assertThat(readAll(kinesis)).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static InputSource input(String name, int lines) throws Exception {
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, IntStream.rangeClosed(1, lines).mapToObj(n -> line(name, n)).toList(), StandardCharsets.UTF_8);
    return InputSource.file(STREAM, file);
  }

  private static String line(String input, int n) {
    return "{\"input\":\"" + input + "\",\"line\":" + n + "}";
  }

  private static void put(KinesisClient kinesis, int partitionKey, String input, int line) {
    kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(Integer.toString(partitionKey))
        .data(SdkBytes.fromString(line(input, line), StandardCharsets.UTF_8)));
  }

  private static List<String> readAll(KinesisClient kinesis) {
    List<String> records = new ArrayList<>();
    kinesis.listShards(b -> b.streamName(STREAM)).shards().forEach(shard -> {
      String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        var response = kinesis.getRecords(b -> b.shardIterator(current));
        response.records().stream().map(Record::data).map(SdkBytes::asUtf8String).forEach(records::add);
        iterator = response.records().isEmpty() ? null : response.nextShardIterator();
      }
    });
    return records;
  }
}
