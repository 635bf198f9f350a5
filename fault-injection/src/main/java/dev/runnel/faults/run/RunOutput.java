package dev.runnel.faults.run;

import dev.runnel.localrunner.summary.RunSummary;
import java.util.List;
import java.util.Map;

/**
 * What one run produced, in the form the comparison needs.
 *
 * @param tables      every table sink's items as JSON, by sink name
 * @param streams     every stream sink's records with partition keys, by sink name
 * @param deadLetters every dead letter as "stage errorType payload"
 * @param keyedState  every key's committed state values, as "stage|key {state: value}" lines
 * @param stageTime   where the windowed stages' time ended, as "stage|shard watermark=W ..." lines (empty without
 *                    time)
 * @param summary     the local runner's summary of the run
 */
public record RunOutput(Map<String, List<String>> tables, Map<String, List<SinkRecord>> streams,
    List<String> deadLetters, List<String> keyedState, List<String> stageTime, RunSummary summary) {
  public RunOutput {
    tables = Map.copyOf(tables);
    streams = Map.copyOf(streams);
    deadLetters = List.copyOf(deadLetters);
    keyedState = List.copyOf(keyedState);
    stageTime = List.copyOf(stageTime);
  }
}
