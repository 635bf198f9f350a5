package dev.runnel.functions.state;

import dev.runnel.api.ListState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link ListState} of the current key; every change stores a new list, so a failed record can be undone. */
final class ListStateHandle<T> implements ListState<T> {
  private final StateBinding binding;
  private final CurrentKey current;

  ListStateHandle(StateBinding binding, CurrentKey current) {
    this.binding = binding;
    this.current = current;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> get() {
    List<T> values = (List<T>) current.value(binding);
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  @Override
  public void add(T value) {
    List<T> values = new ArrayList<>(get());
    values.add(value);
    current.put(binding, values);
  }

  @Override
  public void update(List<T> values) {
    current.put(binding, values == null || values.isEmpty() ? null : new ArrayList<>(values));
  }

  @Override
  public void clear() {
    current.put(binding, null);
  }
}
