package dev.runnel.functions.state;

import dev.runnel.api.ReduceFunction;
import dev.runnel.api.ReducingState;

/** A {@link ReducingState} of the current key. */
final class ReducingStateHandle<T> implements ReducingState<T> {
  private final StateBinding binding;
  private final CurrentKey current;
  private final ReduceFunction<T> function;

  @SuppressWarnings("unchecked")
  ReducingStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
    this.function = (ReduceFunction<T>) binding.function();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    return (T) current.value(binding);
  }

  @Override
  public void add(T value) {
    T reduced = get();
    current.put(binding, reduced == null ? value : function.reduce(reduced, value));
  }

  @Override
  public void clear() {
    current.put(binding, null);
  }
}
