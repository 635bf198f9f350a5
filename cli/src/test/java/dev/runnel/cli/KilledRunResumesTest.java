package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.ListeningSockets;
import dev.runnel.emulators.ToolsDirectory;
import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.run.StateDirectory;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkCollector;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
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
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of durable local runs, with real processes: {@code runnel run ClickCounts --state-dir DIR} in a
 * child JVM on a few thousand clicks is killed with SIGKILL mid-run (once its state directory holds fed records);
 * none of the emulator processes it started
 * survives, none listened beyond loopback, no native library is left in its temporary directory; run again on DIR,
 * it resumes (the source stream already holds part of the input) and exits 0, and the sink table and dead letters in
 * DIR equal those of an uninterrupted run; a third run on the finished DIR feeds nothing and shows the same sinks.
 */
class KilledRunResumesTest {
  private static final int CLICKS = 2000;
  /** An input record in kinesis-local's data file: the feeder's partition key is a line number. */
  private static final Pattern SAVED_INPUT_RECORD = Pattern.compile("\"PartitionKey\":\"\\d+\"");
  private static final Pattern RESUMING = Pattern.compile("resuming: stream clicks-in already holds (\\d+) input");

  @TempDir
  Path dir;

  @Test
  void aRunKilledWithSigkillResumesAndEndsWithTheResultsOfAnUninterruptedOne() throws Exception {
    Path input = clicks(dir.resolve("clicks-in.jsonl"));
    Path state = dir.resolve("state");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Plan plan = Planner.plan(ClickCounts.class);

    Process killed = runnel(input, state, tmp);
    List<String> firstOutput = new CopyOnWriteArrayList<>();
    follow(killed, firstOutput);
    awaitFedRecordsSaved(state, killed, firstOutput);
    List<ProcessHandle> emulators = killed.descendants().toList();
    List<String> commands = emulators.stream().map(p -> p.info().command().orElse("?")).toList();
    List<String> sockets = new ArrayList<>();
    for (ProcessHandle process : Stream.concat(Stream.of(killed.toHandle()), emulators.stream()).toList()) {
      sockets.addAll(ListeningSockets.of(process.pid()));
    }
    killed.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.exitValue()).as("killed by SIGKILL, not finished").isEqualTo(128 + 9);

    assertThat(commands).anyMatch(command -> command.endsWith("node"));
    assertThat(sockets).as("the JVM's DynamoDB Local and kinesis-local's two ports").hasSizeGreaterThanOrEqualTo(3)
        .allMatch(ListeningSockets::loopback);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (emulators.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(emulators).as("processes of the killed run still alive").noneMatch(ProcessHandle::isAlive);

    Process resumed = runnel(input, state, tmp);
    List<String> secondOutput = new CopyOnWriteArrayList<>();
    follow(resumed, secondOutput);
    assertThat(resumed.waitFor(5, TimeUnit.MINUTES)).isTrue();
    Thread.sleep(500); // let the reader take the last lines
    Stream.concat(firstOutput.stream(), secondOutput.stream()).filter(line -> line.contains("emulators ready"))
        .forEach(line -> System.out.println("with --state-dir: " + line));
    String second = String.join("\n", secondOutput);
    assertThat(resumed.exitValue()).as(second).isZero();
    Matcher resuming = RESUMING.matcher(second);
    assertThat(resuming.find()).as("the resumed run found part of the input in the stream:\n" + second).isTrue();
    int alreadyFed = Integer.parseInt(resuming.group(1));
    assertThat(alreadyFed).isPositive();
    assertThat(second).contains("fed " + CLICKS + " records into clicks-in");
    System.out.println("killed run: " + alreadyFed + " of " + CLICKS + " clicks fed before the kill");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("sqlite"));
    }

    RunSummary uninterrupted = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("clicks-in", input))).withProgress(line -> {
          if (line.contains("emulators ready")) {
            System.out.println("in memory: " + line);
          }
        }));
    List<SinkContents> resumedSinks;
    List<DeadLetter> resumedDeadLetters;
    try (StateDirectory opened = StateDirectory.open(state, plan.job());
         LocalEmulators again = LocalEmulators.start(opened)) {
      SinkCollector collector = new SinkCollector(plan, again.kinesis(), again.dynamoDb(),
          Thread.currentThread().getContextClassLoader());
      resumedSinks = collector.sinks(Map.of());
      resumedDeadLetters = collector.deadLetters();
    }
    List<SinkContents> expected = withoutConsole(uninterrupted.sinks());
    assertThat(expected).isNotEmpty().allMatch(sink -> !sink.records().isEmpty());
    assertThat(withoutConsole(resumedSinks)).isEqualTo(expected);
    assertThat(resumedDeadLetters).isEqualTo(uninterrupted.deadLetters());

    List<String> progress = new CopyOnWriteArrayList<>();
    RunSummary onFinished = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("clicks-in", input))).withStateDir(state).withProgress(progress::add));
    assertThat(progress).as("a run on the finished directory feeds nothing")
        .contains("resuming: stream clicks-in already holds " + CLICKS + " input records; feeding the others");
    assertThat(withoutConsole(onFinished.sinks())).isEqualTo(expected);
    assertThat(onFinished.inputs().get(0).records()).isEqualTo(CLICKS);
  }

  /**
   * Waits until kinesis-local's data file in the state directory holds input records (it is saved every second):
   * the run is feeding, mid-run.
   */
  private static void awaitFedRecordsSaved(Path state, Process run, List<String> output) throws Exception {
    Path data = state.resolve("kinesis").resolve("kinesis-data.json");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!run.isAlive()) {
        throw new AssertionError("the run ended before it was killed:\n" + String.join("\n", output));
      }
      if (Files.isRegularFile(data) && SAVED_INPUT_RECORD.matcher(Files.readString(data)).find()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no input record saved in " + data + " within 3 minutes:\n" + String.join("\n", output));
  }

  /** {@code runnel run ClickCounts --input clicks-in=INPUT --state-dir STATE} in a child JVM, output merged. */
  private static Process runnel(Path input, Path state, Path tmp) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-D" + ToolsDirectory.PROPERTY + "=" + ToolsDirectory.resolve(),
        "-cp", System.getProperty("java.class.path"), RunnelCommand.class.getName(),
        "run", ClickCounts.class.getName(), "--input", "clicks-in=" + input, "--state-dir", state.toString())
        .redirectErrorStream(true).start();
  }

  /** Collects the process's output lines as they come. */
  private static void follow(Process process, List<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException closed) {
        // the process is gone
      }
    }, "runnel-output");
    reader.setDaemon(true);
    reader.start();
  }

  private static List<SinkContents> withoutConsole(List<SinkContents> sinks) {
    return sinks.stream().filter(sink -> sink.kind() != OutputKind.CONSOLE).toList();
  }

  /** {@value #CLICKS} clicks of 40 users on 12 pages, the same on every run. */
  private static Path clicks(Path file) throws IOException {
    Random random = new Random(12);
    List<String> lines = new ArrayList<>();
    long at = 1_763_700_000_000L;
    for (int i = 0; i < CLICKS; i++) {
      at += random.nextInt(2000);
      lines.add("{\"user\":\"user" + random.nextInt(40) + "\",\"page\":\"/page" + random.nextInt(12) + "\",\"at\":"
          + at + "}");
    }
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
