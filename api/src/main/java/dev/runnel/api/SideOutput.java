package dev.runnel.api;

/**
 * A side output of an operator (Flink's {@code OutputTag} with {@code ctx.output}): a parameter
 * {@code @Side("invalid") SideOutput<T> invalid} of a {@link Filter}, {@link MapEach}, {@link FlatMap} or
 * {@link KeyedProcess} method. Records emitted to it leave on the node {@code "<method>.<name>"} (for example
 * {@code "parse.invalid"}), which operators read with {@code from}, next to the method's own result.
 *
 * <p>Emit only while the method runs for the current record; the records are the outputs of that record, applied
 * exactly once with it.
 */
public interface SideOutput<T> {
  /** Emits {@code record} on this side output. */
  void emit(T record);
}
