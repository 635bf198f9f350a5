package dev.runnel.plan;

import java.util.List;
import java.util.Objects;

/**
 * One function stage: a Lambda function fed by one stream, running a fused chain of operators.
 *
 * @param id        the stage's id, unique in the plan; it names the function
 * @param input     how the stage reads its records
 * @param keyField  the field the input is keyed by (the upstream key-by), or null when the input is not keyed
 * @param operators the fused operators in topological order; each reads the stage input or an earlier operator
 * @param outputs   where records leave the stage: repartition streams and sinks
 * @param state     keyed state the stage's operators declare (empty until stateful operators exist)
 * @param batching  how the event source mapping delivers batches to the function
 * @param time      how the stage follows event time and fires windows and timers, or null when the job has no time
 * @param stateLayout where a keyed stage keeps its state; null (absent) means {@link StateLayout#KEYS}
 */
public record StageSpec(
    String id,
    StageInput input,
    String keyField,
    List<OperatorSpec> operators,
    List<OutputSpec> outputs,
    List<StateSpec> state,
    BatchingSpec batching,
    TimeSpec time,
    StateLayout stateLayout) {

  /** A stage of a job without event time, windows or timers. */
  public StageSpec(String id, StageInput input, String keyField, List<OperatorSpec> operators,
      List<OutputSpec> outputs, List<StateSpec> state, BatchingSpec batching) {
    this(id, input, keyField, operators, outputs, state, batching, null);
  }

  /** A stage in the per-key state layout (or without keyed state). */
  public StageSpec(String id, StageInput input, String keyField, List<OperatorSpec> operators,
      List<OutputSpec> outputs, List<StateSpec> state, BatchingSpec batching, TimeSpec time) {
    this(id, input, keyField, operators, outputs, state, batching, time, null);
  }

  public StageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(batching, "batching");
    operators = List.copyOf(operators);
    outputs = List.copyOf(outputs);
    state = List.copyOf(state);
    if (stateLayout == StateLayout.LOG && (keyField == null || batching.parallelizationFactor() > 1)) {
      throw new IllegalArgumentException("stage " + id + " cannot keep its state in a state log: only a keyed stage"
          + " read one batch per shard at a time can (docs/state-log.md); plan the job again");
    }
  }

  /** Where the stage keeps its keyed state: {@link StateLayout#KEYS} unless the plan says {@code "log"}. */
  public StateLayout layout() {
    return stateLayout == null ? StateLayout.KEYS : stateLayout;
  }

  /** True when the input stream is partitioned by a key, so all records of a key reach one shard of this stage. */
  public boolean keyed() {
    return keyField != null;
  }

  /** The same stage with other batching settings. */
  public StageSpec withBatching(BatchingSpec batching) {
    return new StageSpec(id, input, keyField, operators, outputs, state, batching, time, stateLayout);
  }

  /** The same stage with a time spec (null for none). */
  public StageSpec withTime(TimeSpec time) {
    return new StageSpec(id, input, keyField, operators, outputs, state, batching, time, stateLayout);
  }

  /** The same stage keeping its state in {@code layout} (null: absent, the per-key layout). */
  public StageSpec withStateLayout(StateLayout layout) {
    return new StageSpec(id, input, keyField, operators, outputs, state, batching, time, layout);
  }
}
