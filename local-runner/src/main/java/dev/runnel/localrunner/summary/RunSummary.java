package dev.runnel.localrunner.summary;

import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.plan.Plan;
import java.time.Duration;
import dev.runnel.inference.InferenceMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a local run, collected once every stage had caught up.
 *
 * @param plan              the plan that ran
 * @param elapsed           wall time from emulator start to quiet
 * @param inputs            what was fed into the source streams
 * @param sinks             what every sink received, in plan order
 * @param deadLetters       the dead-letter table's items
 * @param discardedBatches  batches the mappings gave up on after their retries (metadata, as Lambda reports them)
 * @param stages            per-stage counts, in plan order
 * @param models            per stage with inference operators, its model calls (all instances together)
 */
public record RunSummary(
    Plan plan, Duration elapsed, List<FedInput> inputs, List<SinkContents> sinks, List<DeadLetter> deadLetters,
    List<OnFailureEvent> discardedBatches, List<StageCounts> stages, Map<String, InferenceMetrics> models) {


  public RunSummary {
    inputs = List.copyOf(inputs);
    sinks = List.copyOf(sinks);
    deadLetters = List.copyOf(deadLetters);
    discardedBatches = List.copyOf(discardedBatches);
    stages = List.copyOf(stages);
    models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
  }

  /** The model calls of stage {@code id}, if it calls models. */
  public Optional<InferenceMetrics> models(String id) {
    return Optional.ofNullable(models.get(id));
  }

  /** The sink with this name. */
  public Optional<SinkContents> sink(String name) {
    return sinks.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The counts of the stage with this id. */
  public Optional<StageCounts> stage(String id) {
    return stages.stream().filter(s -> s.stage().equals(id)).findFirst();
  }
}
