package dev.runnel.locallambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.locallambda.jobs.HangOnce;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stage function that hangs past its timeout: its process is killed, the event source mapping retries the batch in
 * a new process, and the job's results are exactly those of a run without the hang.
 */
class TimedOutFunctionRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theHungProcessIsKilledAndTheBatchRetriedInAFreshOne() throws Exception {
    CapturedRuns functions = new CapturedRuns(IsolatedFunctions.DEFAULT.withTimeoutSeconds(4));
    RunSummary summary = LocalRunner.run(HangOnce.class, RunOptions.defaults().withFunctions(functions));

    FunctionInstance instance = functions.last().instances().stream()
        .filter(i -> i.function().name().equals("hangonce-2")).findFirst().orElseThrow();
    assertThat(instance.environmentsStarted()).as("a new process after the timeout").isEqualTo(2);
    var stage = summary.stage("hangonce-2").orElseThrow();
    assertThat(stage.retries() + stage.bisects()).as("the timed-out batch retried (or bisected)").isPositive();

    Map<String, long[]> expected = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      long[] total = expected.computeIfAbsent("k" + i % 3, k -> new long[2]);
      total[0]++;
      total[1] += i;
    }
    Map<String, long[]> actual = new HashMap<>();
    for (String json : summary.sink("hangonce-totals").orElseThrow().records()) {
      JsonNode row = JSON.readTree(json);
      actual.put(row.get("key").asText(), new long[] {row.get("count").asLong(), row.get("sum").asLong()});
    }
    assertThat(actual).hasSize(3);
    expected.forEach((key, total) -> assertThat(actual.get(key)).as(key).containsExactly(total));
  }
}
