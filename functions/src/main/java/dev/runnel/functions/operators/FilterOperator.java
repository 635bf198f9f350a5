package dev.runnel.functions.operators;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code boolean m(T)}: passes the record on when the method returns true.
 *
 * @param name   the node name
 * @param method the bound method, typed {@code (Object)Object}
 */
public record FilterOperator(String name, MethodHandle method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object keep = (Object) method.invokeExact(record);
    if (keep == null) {
      throw new IllegalStateException("filter " + name + " returned null instead of true or false");
    }
    if ((Boolean) keep) {
      out.add(record);
    }
  }
}
