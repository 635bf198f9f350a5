package dev.runnel.functions.windows;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.AggregateFunction;

/**
 * A user {@link AggregateFunction}. Its {@code add} may change the accumulator in place, so the stored accumulator is
 * copied (through its JSON form, the form it is stored in) before each call: a record that fails must leave the
 * window as it was.
 */
public record FunctionContents(AggregateFunction<Object, Object, Object> function, JavaType accumulatorType,
    ObjectMapper json) implements PaneContents {

  @Override
  public Object create() {
    return function.createAccumulator();
  }

  @Override
  public Object add(Object contents, Object record) {
    return function.add(record, copy(contents));
  }

  @Override
  public Object merge(Object earlier, Object later) {
    return function.merge(copy(earlier), copy(later));
  }

  @Override
  public Object result(Object contents) {
    return function.getResult(copy(contents));
  }

  @Override
  public boolean merges() {
    try {
      return function.getClass().getMethod("merge", Object.class, Object.class).getDeclaringClass()
          != AggregateFunction.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private Object copy(Object accumulator) {
    return json.convertValue(json.valueToTree(accumulator), accumulatorType);
  }
}
