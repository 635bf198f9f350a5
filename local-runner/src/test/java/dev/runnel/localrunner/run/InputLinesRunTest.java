package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.output.SizeLimits;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.Untimed;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.planner.Planner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An input file with empty lines, records at and over Kinesis' 1 MiB record limit, and more big records than one
 * PutRecords call may carry, on kinesis-local and DynamoDB Local: the run finishes, every line that fits is
 * processed, each line over the limit is one {@code input} dead letter naming the file and line, and the summary
 * counts the empty lines.
 */
class InputLinesRunTest {
  private static final int LIMIT = SizeLimits.KINESIS_RECORD_BYTES;

  @TempDir
  static Path dir;

  private static LocalEmulators emulators;
  private static Path file;
  private static List<String> lines;
  private static RunSummary run;

  @BeforeAll
  static void runTheJob() throws Exception {
    lines = new ArrayList<>();
    lines.add(line("first"));                        // 1
    lines.add("");                                   // 2: empty
    lines.add(sized(LIMIT + 100 * 1024, 'a'));       // 3: 1.1 MiB, over
    lines.add("   ");                                // 4: blank
    lines.add(sized(LIMIT - 1, 'b'));                // 5: with its 1-byte key exactly the limit
    lines.add(sized(LIMIT, 'c'));                    // 6: with its key one byte over
    for (int i = 0; i < 6; i++) {                    // 7-12: 5.4 MB together, more than one PutRecords call
      lines.add(sized(900 * 1024, (char) ('d' + i)));
    }
    lines.add(line("last"));                         // 13
    lines.add("");                                   // 14: empty
    file = dir.resolve("u-in.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    emulators = LocalEmulators.start();
    run = new JobRun(Planner.plan(Untimed.class), emulators.kinesis(), emulators.dynamoDb(), RunOptions.defaults()
        .withInputs(List.of(InputSource.file("u-in", file))).withPollInterval(Duration.ofMillis(100))).run();
  }

  @AfterAll
  static void stopEmulators() {
    if (emulators != null) {
      emulators.close();
    }
  }

  private static String line(String text) {
    return "{\"text\":\"" + text + "\"}";
  }

  /** A record line of exactly {@code bytes} bytes. */
  private static String sized(int bytes, char fill) {
    String line = line(String.valueOf(fill).repeat(bytes - line("").length()));
    assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return line;
  }

  @Test
  void everyLineThatFitsIsProcessedAndTheRunFinishes() {
    List<String> expected = new ArrayList<>();
    for (int number : List.of(1, 5, 7, 8, 9, 10, 11, 12, 13)) {
      expected.add(lines.get(number - 1).toUpperCase(Locale.ROOT).replace("TEXT", "text"));
    }
    assertThat(run.sink("console").orElseThrow().records()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(run.discardedBatches()).isEmpty();
  }

  @Test
  void eachLineOverTheLimitIsOneInputDeadLetterNamingTheFileLineSizeAndLimit() {
    assertThat(run.deadLetters()).extracting(DeadLetter::sequenceNumber)
        .containsExactly(file + ":3", file + ":6");
    DeadLetter over = run.deadLetters().get(0);
    assertThat(over.errorType()).isEqualTo("input");
    assertThat(over.stage()).isEqualTo("untimed-1");
    assertThat(over.shard()).isEqualTo("input");
    assertThat(over.error()).startsWith("job 'untimed', stage 'untimed-1', input " + file + " line 3: ")
        .contains((LIMIT + 100 * 1024 + 1) + " bytes", LIMIT + "-byte (1 MiB) record limit", "'u-in'");
    assertThat(run.deadLetters().get(1).error()).contains(" line 6: ", (LIMIT + 1) + " bytes");
    // the payload is kept as every dead letter keeps it: its first 350 KB
    assertThat(over.payload()).hasSize(350 * 1024).isEqualTo(lines.get(2).substring(0, 350 * 1024));
    Map<String, AttributeValue> item = emulators.dynamoDb().getItem(b -> b.tableName("untimed-dead-letters")
        .key(Map.of("source", AttributeValue.fromS("untimed-1/input"),
            "position", AttributeValue.fromS(file + ":3")))).item();
    assertThat(item.get("payloadBytes").n()).isEqualTo(Integer.toString(LIMIT + 100 * 1024));
    assertThat(item.get("payloadTruncated").bool()).isTrue();
    assertThat(item.get("partitionKey").s()).isEqualTo("3");
  }

  @Test
  void theSummaryCountsRecordsEmptyLinesAndLinesDeadLettered() {
    assertThat(run.inputs()).containsExactly(new FedInput("u-in", file.toString(), 9, 3, 2));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SummaryPrinter(1).print(run, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("input u-in: 9 records, 3 empty lines skipped, 2 lines over the record limit"
        + " dead-lettered from " + file + "\n");
    assertThat(printed).contains("  untimed-1 input line " + file + ":3  [input]\n",
        "    error:   the record would be " + (LIMIT + 100 * 1024 + 1) + " bytes");
    assertThat(run.stage("untimed-1").orElseThrow().recordsIn()).isEqualTo(9);
  }
}
