package dev.runnel.functions.time;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.plan.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Separates a batch's data records from watermark markers, on the one kind of input where markers occur: a
 * repartition stream read by a stage with time (its upstream stages write them, docs/time.md). Elsewhere every record
 * is data and nothing is checked.
 *
 * @param markersPossible true when the stage's input can carry markers
 */
public record MarkerFilter(boolean markersPossible) {
  /** For a stage whose input never carries markers. */
  public static final MarkerFilter NONE = new MarkerFilter(false);

  /** The filter of {@code stage}'s input: markers are possible when it has time and reads upstream stages. */
  public static MarkerFilter of(StageSpec stage) {
    return new MarkerFilter(stage.time() != null && !stage.time().readsSource());
  }

  /** The records of {@code records} that are not markers, in order; {@code records} itself when none can be. */
  public List<InputRecord> data(List<InputRecord> records) {
    if (!markersPossible) {
      return records;
    }
    List<InputRecord> data = new ArrayList<>(records.size());
    for (InputRecord record : records) {
      if (!WatermarkMarker.isMarker(record.partitionKey())) {
        data.add(record);
      }
    }
    return data;
  }

  /** How many of {@code records} are not markers. */
  public int dataCount(List<InputRecord> records) {
    if (!markersPossible) {
      return records.size();
    }
    int count = 0;
    for (InputRecord record : records) {
      if (!WatermarkMarker.isMarker(record.partitionKey())) {
        count++;
      }
    }
    return count;
  }
}
