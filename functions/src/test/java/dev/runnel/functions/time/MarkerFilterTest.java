package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.StageInput;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TimeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markers are looked for only where upstream stages write them: the repartition input of a stage with time. */
class MarkerFilterTest {
  private static final InputRecord DATA = record("1", "customer-7");
  private static final InputRecord MARKER =
      record("2", new WatermarkMarker("count-1", "shardId-000000000000", 1_000).toPartitionKey());

  private static InputRecord record(String sequence, String partitionKey) {
    return new InputRecord("shardId-000000000000", sequence, partitionKey, WatermarkMarker.PAYLOAD);
  }

  private static StageSpec stage(TimeSpec time) {
    return new StageSpec("count-2", new StageInput("clicks-by-user", "byUser", "com.example.Click", "json"), "user",
        List.of(), List.of(), List.of(), BatchingSpec.DEFAULT).withTime(time);
  }

  @Test
  void aRepartitionInputOfAStageWithTimeDropsItsMarkers() {
    MarkerFilter filter = MarkerFilter.of(stage(new TimeSpec(List.of("count-1"), 0)));

    assertThat(filter.markersPossible()).isTrue();
    assertThat(filter.data(List.of(DATA, MARKER, DATA))).containsExactly(DATA, DATA);
    assertThat(filter.dataCount(List.of(MARKER, DATA, MARKER))).isEqualTo(1);
  }

  @Test
  void aSourceOrAStageWithoutTimeHasNoMarkersAndKeepsTheBatchAsItIs() {
    List<InputRecord> batch = List.of(DATA, MARKER);
    for (MarkerFilter filter : List.of(MarkerFilter.of(stage(null)), MarkerFilter.of(stage(new TimeSpec(List.of(),
        60))))) {
      assertThat(filter.markersPossible()).isFalse();
      assertThat(filter.data(batch)).isSameAs(batch);
      assertThat(filter.dataCount(batch)).isEqualTo(2);
    }
  }
}
