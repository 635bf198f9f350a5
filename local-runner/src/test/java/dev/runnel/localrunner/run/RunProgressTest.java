package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.StageMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Progress lines follow the counters while the run goes, and stop when it is closed. */
class RunProgressTest {

  @Test
  void aLineEveryPeriodWithWhatWasFedAndWhatEachStageDid() throws Exception {
    AtomicLong fed = new AtomicLong(500);
    AtomicLong in = new AtomicLong(120);
    Map<String, Supplier<StageMetrics>> stages = new LinkedHashMap<>();
    stages.put("shop-1", () -> new StageMetrics(3, in.get(), Map.of("routed", in.get() - 2), 0, 2, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0));
    stages.put("shop-2", () -> StageMetrics.ZERO);
    List<String> lines = new CopyOnWriteArrayList<>();

    try (RunProgress progress = new RunProgress(fed::get, stages, lines::add, Duration.ofMillis(50))) {
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !lines.isEmpty());
      assertThat(lines.get(0)).isEqualTo("progress: fed 500; shop-1 in 120, written 118, dead letters 2; "
          + "shop-2 in 0, written 0");
      fed.set(1000);
      in.set(600);
      Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> lines.get(lines.size() - 1).startsWith("progress: fed 1000; shop-1 in 600, written 598"));
    }
    int closedAt = lines.size();
    Thread.sleep(200);
    assertThat(lines).as("no line after close").hasSizeLessThanOrEqualTo(closedAt + 1);
  }
}
