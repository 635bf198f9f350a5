package dev.runnel.functions.joins;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.List;
import java.util.Objects;

/**
 * A record an interval join keeps until no partner can arrive any more: its event time and the record with its side.
 * Stored as {@code {"t": time, "record": {"left": {...}}}}.
 *
 * @param t      the record's event time, epoch milliseconds
 * @param record the record, tagged by side
 * @param <L>    the left input's record type
 * @param <R>    the right input's record type
 */
public record BufferedRecord<L, R>(long t, JoinRecord<L, R> record) {
  public BufferedRecord {
    Objects.requireNonNull(record, "record");
  }

  /** The type {@code List<BufferedRecord<L, R>>} of an interval join's buffers, from the two canonical type names. */
  public static JavaType buffersType(TypeFactory types, String left, String right) {
    return types.constructCollectionType(List.class, types.constructParametricType(BufferedRecord.class,
        types.constructFromCanonical(left), types.constructFromCanonical(right)));
  }
}
