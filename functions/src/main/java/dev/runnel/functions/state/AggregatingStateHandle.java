package dev.runnel.functions.state;

import dev.runnel.api.AggregateFunction;
import dev.runnel.api.AggregatingState;
import dev.runnel.functions.codec.RunnelJson;

/**
 * An {@link AggregatingState} of the current key. The accumulator is copied before each {@code add}, since an
 * {@link AggregateFunction} may change it in place and a failed record must leave it as it was.
 */
final class AggregatingStateHandle<I, A, O> implements AggregatingState<I, O> {
  private final StateBinding binding;
  private final CurrentKey current;
  private final AggregateFunction<I, A, O> function;

  @SuppressWarnings("unchecked")
  AggregatingStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
    this.function = (AggregateFunction<I, A, O>) binding.function();
  }

  @Override
  @SuppressWarnings("unchecked")
  public O get() {
    A accumulator = (A) current.value(binding);
    return accumulator == null ? null : function.getResult(accumulator);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(I value) {
    A stored = (A) current.value(binding);
    A accumulator = stored == null ? function.createAccumulator()
        : RunnelJson.MAPPER.convertValue(stored, binding.storedType());
    current.put(binding, function.add(value, accumulator));
  }

  @Override
  public void clear() {
    current.put(binding, null);
  }
}
