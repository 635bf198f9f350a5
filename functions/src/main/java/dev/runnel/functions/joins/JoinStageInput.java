package dev.runnel.functions.joins;

import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.StageSpec;
import java.util.function.Function;

/**
 * The input of a join's stage: records of both inputs, tagged by side, each keyed by its own input's key field (of
 * one type, which the planner checked).
 *
 * @param decoder decodes a tagged record into a {@link JoinRecord}
 * @param key     reads a {@link JoinRecord}'s key: the left or right input's key field of its record
 */
public record JoinStageInput(JoinInputDecoder decoder, KeyField key) {

  /** True when {@code stage} reads a join's stream. */
  public static boolean readsJoin(StageSpec stage) {
    return JoinSpec.TAGGED_RECORDS.equals(stage.input().type());
  }

  /** The input of {@code stage}, which reads a join's stream, with its record types loaded by {@code classes}. */
  public static JoinStageInput of(StageSpec stage, JobClasses classes) {
    JoinSpec join = stage.operators().stream()
        .filter(o -> o.kind().joins() && o.from().equals(stage.input().node()))
        .map(OperatorSpec::join).findFirst()
        .orElseThrow(() -> new IllegalStateException("stage " + stage.id() + " reads join stream "
            + stage.input().stream() + " but has no join operator reading it; plan the job again"));
    TypeFactory types = TypeFactory.defaultInstance().withClassLoader(classes.loader());
    JoinInputDecoder decoder = new JoinInputDecoder(JoinRecord.type(types, join.leftType(), join.rightType()));
    KeyField leftKey = KeyField.resolve(classes.load(join.leftType(), "left type of stage " + stage.id()),
        join.leftKey());
    KeyField rightKey = KeyField.resolve(classes.load(join.rightType(), "right type of stage " + stage.id()),
        join.rightKey());
    Function<Object, Object> reader = value -> {
      JoinRecord<?, ?> record = (JoinRecord<?, ?>) value;
      return (record.side() == JoinSide.LEFT ? leftKey : rightKey).reader().apply(record.record());
    };
    return new JoinStageInput(decoder, new KeyField(leftKey.name() + "|" + rightKey.name(), reader));
  }
}
