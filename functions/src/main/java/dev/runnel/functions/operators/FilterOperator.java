package dev.runnel.functions.operators;

import java.util.List;
import java.util.function.Function;

/**
 * {@code boolean m(T)}: passes the record on when the method returns true.
 *
 * @param name   the node name
 * @param method the method bound to the job instance ({@link MethodFunction})
 */
public record FilterOperator(String name, Function<Object, Object> method) implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object keep = method.apply(record);
    if (keep == null) {
      throw new IllegalStateException("filter " + name + " returned null instead of true or false");
    }
    if ((Boolean) keep) {
      out.add(record);
    }
  }
}
