package dev.runnel.api;

import java.util.List;

/**
 * A list of values per key, for example the last N events of a device.
 *
 * @param <T> the element type, stored as JSON
 */
public interface ListState<T> {
  /** The key's elements, oldest first; empty when it has none. The list is a read-only snapshot. */
  List<T> get();

  /** Appends one element. */
  void add(T value);

  /** Replaces all elements. */
  void update(List<T> values);

  /** Removes all elements. */
  void clear();
}
