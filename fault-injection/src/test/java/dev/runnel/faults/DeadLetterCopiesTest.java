package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.run.FaultReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record whose operator fails in a keyed stage goes to the dead letters once, however many copies of it arrive
 * (its producer's retry resends outputs after a crash mid-PutRecords; a zombie sends the whole batch again).
 */
class DeadLetterCopiesTest {

  @ParameterizedTest
  @EnumSource(value = FaultKind.class, names = {"CRASH_MID_OUTPUTS", "ZOMBIE"})
  void copiesOfAFailingRecordAddNoDeadLetter(FaultKind kind) {
    FaultReport report = SharedHarness.check(PoisonJob.class, FaultPlan.none(7).with(kind, 0.3));
    assertThat(report.injected()).containsKey(kind);
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
