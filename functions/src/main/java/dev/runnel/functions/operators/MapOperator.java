package dev.runnel.functions.operators;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code R m(T)}: one record out per record in; returning null is an error.
 *
 * @param name   the node name
 * @param method the bound method, typed {@code (Object)Object}
 */
public record MapOperator(String name, MethodHandle method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object result = (Object) method.invokeExact(record);
    if (result == null) {
      throw new IllegalStateException("map " + name + " returned null; use a filter to drop records");
    }
    out.add(result);
  }
}
