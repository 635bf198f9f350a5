package dev.runnel.functions.operators;

import java.util.List;
import java.util.function.Function;

/**
 * {@code R m(T)}: one record out per record in; returning null is an error.
 *
 * @param name   the node name
 * @param method the method bound to the job instance ({@link MethodFunction})
 */
public record MapOperator(String name, Function<Object, Object> method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object result = method.apply(record);
    if (result == null) {
      throw new IllegalStateException("map " + name + " returned null; use a filter to drop records");
    }
    out.add(result);
  }
}
