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
 */
public record StageSpec(
    String id,
    StageInput input,
    String keyField,
    List<OperatorSpec> operators,
    List<OutputSpec> outputs,
    List<StateSpec> state,
    BatchingSpec batching,
    TimeSpec time) {

  /** A stage of a job without event time, windows or timers. */
  public StageSpec(String id, StageInput input, String keyField, List<OperatorSpec> operators,
      List<OutputSpec> outputs, List<StateSpec> state, BatchingSpec batching) {
    this(id, input, keyField, operators, outputs, state, batching, null);
  }

  public StageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(batching, "batching");
    operators = List.copyOf(operators);
    outputs = List.copyOf(outputs);
    state = List.copyOf(state);
  }

  /** True when the input stream is partitioned by a key, so all records of a key reach one shard of this stage. */
  public boolean keyed() {
    return keyField != null;
  }

  /** The same stage with other batching settings. */
  public StageSpec withBatching(BatchingSpec batching) {
    return new StageSpec(id, input, keyField, operators, outputs, state, batching, time);
  }

  /** The same stage with a time spec (null for none). */
  public StageSpec withTime(TimeSpec time) {
    return new StageSpec(id, input, keyField, operators, outputs, state, batching, time);
  }
}
