package dev.runnel.functions.operators;

import java.util.List;
import java.util.function.Function;

/**
 * {@code Iterable<R> m(T)}: zero or more records out per record in; a null iterable or a null element is an error.
 *
 * @param name   the node name
 * @param method the method bound to the job instance ({@link MethodFunction})
 */
public record FlatMapOperator(String name, Function<Object, Object> method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object result = method.apply(record);
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
