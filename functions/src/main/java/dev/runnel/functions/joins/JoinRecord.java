package dev.runnel.functions.joins;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.runnel.plan.JoinSide;
import java.util.Objects;

/**
 * A record of one input of a join, with its side: what a join's stage reads and its windows keep. Stored as on the
 * join's stream, {@code {"left": {...}}} or {@code {"right": {...}}}, read back into {@code L} or {@code R}.
 *
 * @param side   the input it came from
 * @param record the input's record, of type {@code L} (left) or {@code R} (right)
 * @param <L>    the left input's record type
 * @param <R>    the right input's record type
 */
@JsonSerialize(using = JoinRecordJson.Writer.class)
@JsonDeserialize(using = JoinRecordJson.Reader.class)
public record JoinRecord<L, R>(JoinSide side, Object record) {
  /** The type {@code JoinRecord<L, R>} of the two canonical type names, resolved with {@code types}' class loader. */
  public static JavaType type(TypeFactory types, String left, String right) {
    return types.constructParametricType(JoinRecord.class, types.constructFromCanonical(left),
        types.constructFromCanonical(right));
  }

  public JoinRecord {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(record, "record");
  }
}
