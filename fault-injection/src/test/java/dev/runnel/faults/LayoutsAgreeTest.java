package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkRecord;
import dev.runnel.plan.StateLayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failure-free runs of a job in both state layouts agree: same table items, same stream records (their
 * payloads, copies dropped by identity), same dead letters and the same keyed state, read per key or from the shards'
 * state logs. The fault tests compare each faulty run with the failure-free run of its own layout; this ties the two
 * references together.
 */
class LayoutsAgreeTest {

  @ParameterizedTest
  @ValueSource(classes = {ClickCounts.class, OrderRouting.class, WindowedJob.class, PoisonJob.class})
  void theFailureFreeRunsOfBothLayoutsAgree(Class<?> job) {
    RunOutput keys = SharedHarness.reference(job, StateLayout.KEYS);
    RunOutput log = SharedHarness.reference(job, StateLayout.LOG);

    assertThat(sorted(log.tables())).as("tables").isEqualTo(sorted(keys.tables()));
    assertThat(payloads(log.streams())).as("streams").isEqualTo(payloads(keys.streams()));
    assertThat(log.deadLetters()).as("dead letters").isEqualTo(keys.deadLetters());
    assertThat(log.keyedState()).as("keyed state").isEqualTo(keys.keyedState());
  }

  private static Map<String, List<String>> sorted(Map<String, List<String>> tables) {
    Map<String, List<String>> sorted = new TreeMap<>();
    tables.forEach((table, items) -> sorted.put(table, items.stream().sorted().toList()));
    return sorted;
  }

  /** Per stream, the distinct (by identity) records' payloads, sorted. */
  private static Map<String, List<String>> payloads(Map<String, List<SinkRecord>> streams) {
    Map<String, List<String>> payloads = new TreeMap<>();
    streams.forEach((stream, records) -> {
      Map<String, String> byIdentity = new TreeMap<>();
      records.forEach(r -> byIdentity.putIfAbsent(r.identity().orElse(r.partitionKey()), r.data()));
      payloads.put(stream, byIdentity.values().stream().sorted().toList());
    });
    return payloads;
  }
}
