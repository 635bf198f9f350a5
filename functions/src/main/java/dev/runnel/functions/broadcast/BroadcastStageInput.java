package dev.runnel.functions.broadcast;

import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.BroadcastSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.StageSpec;

/**
 * The input of a broadcast operator's stage: keyed records, keyed by the keyed input's field, and broadcast records,
 * which the processor keys by the shard's reserved key ({@link BroadcastKeys}).
 *
 * @param decoder decodes a tagged record
 * @param key     reads a keyed record's key
 */
public record BroadcastStageInput(BroadcastInputDecoder decoder, KeyField key) {

  /** True when {@code stage} reads a broadcast operator's stream. */
  public static boolean readsBroadcast(StageSpec stage) {
    return BroadcastSpec.TAGGED_RECORDS.equals(stage.input().type());
  }

  /** The input of {@code stage}, which reads a broadcast operator's stream, with its types loaded by {@code classes}. */
  public static BroadcastStageInput of(StageSpec stage, JobClasses classes) {
    OperatorSpec operator = stage.operators().stream()
        .filter(o -> o.broadcast() != null && o.from().equals(stage.input().node())).findFirst()
        .orElseThrow(() -> new IllegalStateException("stage " + stage.id() + " reads broadcast stream "
            + stage.input().stream() + " but has no operator with a broadcast input reading it; plan the job again"));
    TypeFactory types = TypeFactory.defaultInstance().withClassLoader(classes.loader());
    Class<?> dataType = classes.load(operator.inputType(), "input type of operator " + operator.name());
    BroadcastInputDecoder decoder = new BroadcastInputDecoder(types.constructType(dataType),
        types.constructFromCanonical(operator.broadcast().type()));
    return new BroadcastStageInput(decoder, KeyField.resolve(dataType, stage.keyField()));
  }
}
