package dev.runnel.functions.operators;

import dev.runnel.functions.state.StageStates;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@code T m(T accumulated, T next)}: the key's running reduction. The first record of a key becomes the reduced
 * value as it is; each later one is combined into it. Emits the reduced value after every record.
 *
 * @param name      the node name
 * @param method    the bound method, typed {@code (Object, Object)Object}
 * @param reduction the key's reduced value
 */
public record ReduceOperator(String name, MethodHandle method, StageStates.ValueStateAccess reduction)
    implements Operator {
  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object accumulated = reduction.get();
    Object reduced = accumulated == null ? record : (Object) method.invokeExact(accumulated, record);
    if (reduced == null) {
      throw new IllegalStateException("reduce " + name + " returned null");
    }
    reduction.set(reduced);
    out.add(reduced);
  }
}
