package dev.runnel.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark measures what it claims: every variant's probe JVM handles the batch, and Runnel and the hand-written
 * handler write the same 100 routed orders. Makes no claim about speed; {@code bench/cold-start} does.
 */
class ColdStartBenchTest {
  @Test
  void everyVariantHandlesTheBatchInAFreshJvm() throws Exception {
    ColdStartMeasurement measurement = ColdStartBench.measure(1);
    Map<String, List<ColdStartRun>> runs = measurement.runs();
    assertThat(runs).containsOnlyKeys(ColdStartBench.RUNNEL, ColdStartBench.HAND_WRITTEN, ColdStartBench.TRIVIAL);
    runs.values().forEach(list -> assertThat(list).hasSize(1)
        .allSatisfy(run -> assertThat(run.wallMs()).isGreaterThan(run.initMs() + run.invokeMs())));
    // Two rounds (one warm-up) of two writing variants, 100 valid orders each.
    assertThat(measurement.routedRecords()).isEqualTo(2 * 2 * 100);
    assertThat(ColdStartBench.report(runs, 1)).contains("ratio runnel / hand-written (wall p50)");
  }
}
