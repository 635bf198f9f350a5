package dev.runnel.functions.operators;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code Iterable<R> m(T)}: zero or more records out per record in; a null iterable or a null element is an error.
 *
 * @param name   the node name
 * @param method the bound method, typed {@code (Object)Object}
 */
public record FlatMapOperator(String name, MethodHandle method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object result = (Object) method.invokeExact(record);
    if (result == null) {
      throw new IllegalStateException("flat-map " + name + " returned null; return an empty collection instead");
    }
    for (Object element : (Iterable<?>) result) {
      if (element == null) {
        throw new IllegalStateException("flat-map " + name + " emitted a null record");
      }
      out.add(element);
    }
  }
}
