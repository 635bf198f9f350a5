package dev.runnel.functions.operators;

import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * {@code m(T, state handles...)}: a keyed, stateful operator. Its handles read and write the current key's state;
 * what it returns is emitted according to its shape.
 *
 * @param name    the node name
 * @param method  the bound method, spread over an {@code Object[]} of the record and the handles, typed
 *                {@code (Object[])Object}
 * @param handles the state handles, in parameter order after the record
 * @param shape   how the returned value is emitted
 */
public record ProcessOperator(String name, MethodHandle method, List<Object> handles, ReturnShape shape)
    implements Operator {

  /** How a {@code @KeyedProcess} method's return value becomes output records. */
  public enum ReturnShape {
    /** {@code void}: emits nothing. */
    NOTHING,
    /** {@code R}: emits one record; null is an error. */
    ONE,
    /** {@code Optional<R>}: emits zero or one. */
    OPTIONAL,
    /** {@code Iterable<R>}: emits zero or more. */
    MANY;

    /** Appends what a method of this shape returned to {@code out}; a null where a record is due is an error. */
    public void collect(Object result, String name, List<Object> out) {
      switch (this) {
        case NOTHING -> { }
        case ONE -> {
          if (result == null) {
            throw new IllegalStateException(name + " returned null; return Optional to emit nothing");
          }
          out.add(result);
        }
        case OPTIONAL -> {
          if (result == null) {
            throw new IllegalStateException(name + " returned a null Optional");
          }
          ((Optional<?>) result).ifPresent(out::add);
        }
        case MANY -> {
          if (result == null) {
            throw new IllegalStateException(name + " returned null; return an empty collection instead");
          }
          for (Object element : (Iterable<?>) result) {
            if (element == null) {
              throw new IllegalStateException(name + " emitted a null record");
            }
            out.add(element);
          }
        }
      }
    }

    /** The shape of a method returning {@code returned}. */
    public static ReturnShape of(Class<?> returned) {
      if (returned == void.class) {
        return NOTHING;
      } else if (returned == Optional.class) {
        return OPTIONAL;
      } else if (Iterable.class.isAssignableFrom(returned)) {
        return MANY;
      }
      return ONE;
    }
  }

  public ProcessOperator {
    handles = List.copyOf(handles);
  }

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    Object[] arguments = new Object[handles.size() + 1];
    arguments[0] = record;
    for (int i = 0; i < handles.size(); i++) {
      arguments[i + 1] = handles.get(i);
    }
    Object result = (Object) method.invokeExact(arguments);
    shape.collect(result, "process " + name, out);
  }
}
