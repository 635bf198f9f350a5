package dev.runnel.localrunner.summary;

import dev.runnel.localrunner.esm.OnFailureEvent;
import dev.runnel.plan.Plan;
import java.time.Duration;
import java.util.List;
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
 */
public record RunSummary(
    Plan plan, Duration elapsed, List<FedInput> inputs, List<SinkContents> sinks, List<DeadLetter> deadLetters,
    List<OnFailureEvent> discardedBatches, List<StageCounts> stages) {

  public RunSummary {
    inputs = List.copyOf(inputs);
    sinks = List.copyOf(sinks);
    deadLetters = List.copyOf(deadLetters);
    discardedBatches = List.copyOf(discardedBatches);
    stages = List.copyOf(stages);
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
