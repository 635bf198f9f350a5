package dev.runnel.functions.state;

import dev.runnel.api.ValueState;

/** A {@link ValueState} of the current key. */
final class ValueStateHandle<T> implements ValueState<T> {
  private final StateBinding binding;
  private final CurrentKey current;

  ValueStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T value() {
    return (T) current.value(binding);
  }

  @Override
  public void update(T value) {
    current.put(binding, value);
  }

  @Override
  public void clear() {
    current.put(binding, null);
  }
}
