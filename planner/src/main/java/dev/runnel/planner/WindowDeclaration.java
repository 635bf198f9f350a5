package dev.runnel.planner;

import dev.runnel.plan.WindowSpec;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A {@code @Window} method's windows as declared. What depends on the records it reads (the aggregate's field, the
 * function's input type, the element type of a full window) is checked once its input is known.
 *
 * @param spec          the windows, aggregate and late node for the plan
 * @param value         {@code V} of the method's {@code Windowed<V>} or {@code KeyedWindow<K, V>} parameter
 * @param key           {@code K} of a {@code KeyedWindow<K, V>} parameter, checked against the key-by field; null for
 *                      {@code Windowed<V>}, whose key is text
 * @param function      the {@code AggregateFunction} class, or null
 * @param functionTypes the function's {@code I, A, O}, or empty when there is no function
 */
record WindowDeclaration(WindowSpec spec, Type value, Type key, Class<?> function, List<Type> functionTypes) {
  WindowDeclaration {
    functionTypes = List.copyOf(functionTypes);
  }

  /** True for full-window processing: no aggregate, the method receives every record. */
  boolean fullWindow() {
    return spec.aggregate() == null;
  }
}
