package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.run.FaultReport;
import org.junit.jupiter.params.ParameterizedTest;
import dev.runnel.plan.StateLayout;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record whose operator fails in a keyed stage goes to the dead letters once, however many copies of it arrive
 * (its producer's retry resends outputs after a crash mid-PutRecords; a zombie sends the whole batch again), in both
 * state layouts: the per-key layout remembers it in its key's dedup memory, the log layout in the shard's.
 */
class DeadLetterCopiesTest {

  static Stream<Arguments> kindsAndLayouts() {
    return Stream.of(StateLayout.values()).flatMap(layout -> Stream.of(FaultKind.CRASH_MID_OUTPUTS, FaultKind.ZOMBIE)
        .map(kind -> Arguments.of(kind, layout)));
  }

  @ParameterizedTest
  @MethodSource("kindsAndLayouts")
  void copiesOfAFailingRecordAddNoDeadLetter(FaultKind kind, StateLayout layout) {
    FaultReport report = SharedHarness.check(PoisonJob.class, layout, FaultPlan.none(7).with(kind, 0.3));
    assertThat(report.injected()).containsKey(kind);
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
