package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.TumblingCounts;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key whose windows all fired keeps its item: the version and dedup memory a firing round writes must not be
 * already expired. Event-time windows without timers fire in rounds with no processing time; an expiry counted from
 * that time 0 wrote items that expired in 1970, which the state store then treats as absent (found by the isolated
 * soak: a frozen process's write expecting no item succeeded after the key's windows had fired, and brought an old
 * window back).
 */
class FiredKeysStayRecordedRunTest {
  @TempDir
  Path dir;

  @Test
  void theItemsAFiringRoundWritesHaveNotExpired() throws Exception {
    List<String> lines = WindowInputs.events(120, 20261207);
    Path input = dir.resolve("t-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(TumblingCounts.class, StateLayout.KEYS); // key items: the per-key layout
    RunOptions options = RunOptions.defaults()
        .withInputs(List.of(InputSource.file("t-in", input)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500));
    String windowStage = plan.stages().get(plan.stages().size() - 1).id();
    try (LocalEmulators emulators = LocalRunner.start(null, options)) {
      new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(), options).run();
      long now = System.currentTimeMillis() / 1000;
      List<Map<String, AttributeValue>> items = emulators.dynamoDb()
          .scanPaginator(b -> b.tableName(plan.job() + "-state").consistentRead(true)).items().stream()
          .filter(item -> item.get("pk").s().startsWith(windowStage + "|"))
          .toList();
      assertThat(items).as("the window stage's key items").isNotEmpty();
      for (Map<String, AttributeValue> item : items) {
        if (item.containsKey("ttl")) {
          assertThat(Long.parseLong(item.get("ttl").n())).as("expiry of %s", item.get("pk").s())
              .isGreaterThan(now);
        }
      }
    }
  }
}
