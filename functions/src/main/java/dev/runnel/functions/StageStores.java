package dev.runnel.functions;

import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.progress.ProgressStore;
import dev.runnel.inference.results.InferenceResultStore;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.timers.TimerIndex;
import java.util.Objects;

/**
 * The exactly-once stores a stage runs on when they are not the plan's DynamoDB tables: for example the in-memory
 * ones the project ships, for benchmarks and embedding ({@link StageHandler#overStores}).
 *
 * @param checkpoints where each shard's position and time are committed
 * @param states      keyed state (used by keyed stages)
 * @param progress    the progress table of published watermarks (used by stages with event time)
 * @param timers      the timer index (used by stages with windows or timers)
 * @param stateLog    the state log (used by keyed stages planned in the log layout, docs/state-log.md), or null
 * @param answers     the stored model answers (used by model stages), or null for the plan's inference-results
 *                    table; given, no claims on prompts are taken (one process calls the models)
 */
public record StageStores(CheckpointStore checkpoints, StateStore states, ProgressStore progress, TimerIndex timers,
    StateLogStore stateLog, InferenceResultStore answers) {

  /** Stores whose model answers live in the plan's inference-results table. */
  public StageStores(CheckpointStore checkpoints, StateStore states, ProgressStore progress, TimerIndex timers,
      StateLogStore stateLog) {
    this(checkpoints, states, progress, timers, stateLog, null);
  }

  /** Stores without a state log: every keyed stage must be in the keys layout. */
  public StageStores(CheckpointStore checkpoints, StateStore states, ProgressStore progress, TimerIndex timers) {
    this(checkpoints, states, progress, timers, null, null);
  }

  public StageStores {
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(timers, "timers");
  }
}
