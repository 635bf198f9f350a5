package dev.runnel.planner;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/** Tells from a method's return type which records it emits: R, Optional&lt;R&gt;, an Iterable&lt;R&gt; or none. */
final class EmittedTypes {
  private final List<JobProblem> problems;

  EmittedTypes(List<JobProblem> problems) {
    this.problems = problems;
  }

  /**
   * The element type a method emits, which returns R, Optional&lt;R&gt;, an Iterable&lt;R&gt; or nothing (void);
   * null with a problem when it cannot be told.
   *
   * @param what the method's kind for messages: "a @KeyedProcess"
   */
  Class<?> of(String at, String what, Method method) {
    Class<?> returned = method.getReturnType();
    if (returned == void.class) {
      return void.class;
    }
    if (returned == Optional.class || Iterable.class.isAssignableFrom(returned)) {
      Class<?> element = returned == Optional.class ? optionalElement(method.getGenericReturnType())
          : iterableElement(method.getGenericReturnType());
      if (element == null) {
        problem(at, what + " returning " + method.getGenericReturnType().getTypeName()
            + " must name a concrete element type", "Return, for example, Optional<MyRecord> or List<MyRecord>.");
      }
      return element;
    }
    if (returned.isPrimitive()) {
      problem(at, what + " returns a record, Optional, List or nothing, not " + returned, "Return a record type.");
      return null;
    }
    return returned;
  }

  /** The element class of an {@code Iterable<R>} type (R's raw class when R is generic), or null when it has none. */
  static Class<?> iterableElement(Type type) {
    if (!(type instanceof ParameterizedType parameterized)
        || !(parameterized.getRawType() instanceof Class<?> raw) || !Iterable.class.isAssignableFrom(raw)
        || parameterized.getActualTypeArguments().length != 1) {
      return null;
    }
    Type element = parameterized.getActualTypeArguments()[0];
    if (element instanceof Class<?> c) {
      return c;
    }
    if (element instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Class<?> optionalElement(Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
