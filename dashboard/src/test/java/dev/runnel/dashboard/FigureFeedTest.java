package dev.runnel.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates from successive reads. */
class FigureFeedTest {
  @Test
  void aStagesRateIsItsRecordsInSinceThePreviousReadPerSecond() {
    JobFigures before = figures(1_000, 40);
    JobFigures now = figures(3_000, 140);
    assertThat(FigureFeed.withRates(before, now).stages().get(0).recordsPerSecond()).isEqualTo(50.0);
  }

  @Test
  void noTimePassedOrAStageNotReadBeforeHasRateZero() {
    assertThat(FigureFeed.withRates(figures(1_000, 40), figures(1_000, 40)).stages().get(0).recordsPerSecond())
        .isZero();
    assertThat(FigureFeed.withRates(JobFigures.starting("j", 0), figures(1_000, 40)).stages().get(0)
        .recordsPerSecond()).isZero();
  }

  private static JobFigures figures(long at, long recordsIn) {
    StageFigures stage = new StageFigures("j-1", 1, recordsIn, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of(), null, null);
    return new JobFigures("j", "running", at, List.of(stage), List.of(), List.of(), List.of());
  }
}
