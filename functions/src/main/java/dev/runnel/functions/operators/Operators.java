package dev.runnel.functions.operators;

import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.OperatorSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Binds the operator methods named in the plan to the job instance, with method handles resolved once. */
public final class Operators {
  private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

  private Operators() {}

  /** The operator for {@code spec}, calling its method on {@code job}. */
  public static Operator bind(OperatorSpec spec, Object job, JobClasses classes) {
    Class<?> inputType = classes.load(spec.inputType(), "input type of operator " + spec.name());
    Method method = find(job.getClass(), spec, inputType);
    MethodHandle handle = handle(method).bindTo(job).asType(OBJECT_TO_OBJECT);
    return switch (spec.kind()) {
      case FILTER -> {
        requireReturn(method, spec, boolean.class, Boolean.class);
        yield new FilterOperator(spec.name(), handle);
      }
      case MAP -> new MapOperator(spec.name(), handle);
      case FLAT_MAP -> {
        requireReturn(method, spec, Iterable.class);
        yield new FlatMapOperator(spec.name(), handle);
      }
      case PROCESS, REDUCE -> throw new IllegalStateException("operator " + spec.name() + " is keyed and stateful;"
          + " this runtime does not run keyed state yet");
    };
  }

  private static Method find(Class<?> jobClass, OperatorSpec spec, Class<?> inputType) {
    Method match = null;
    for (Method m : jobClass.getMethods()) {
      if (m.getName().equals(spec.method()) && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())
          && m.getParameterTypes()[0].isAssignableFrom(inputType) && m.getReturnType() != void.class) {
        if (match == null || match.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0])) {
          match = m;
        }
      }
    }
    if (match == null) {
      throw new IllegalStateException("job class " + jobClass.getName() + " has no public method " + spec.method()
          + "(" + inputType.getName() + ") returning a value, needed by operator " + spec.name()
          + "; plan the job again from the same build");
    }
    return match;
  }

  private static MethodHandle handle(Method method) {
    try {
      return MethodHandles.publicLookup().unreflect(method);
    } catch (IllegalAccessException notPublic) {
      try {
        method.setAccessible(true);
        return MethodHandles.lookup().unreflect(method);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new IllegalStateException("cannot call operator method " + method + "; make the job class public", e);
      }
    }
  }

  private static void requireReturn(Method method, OperatorSpec spec, Class<?>... allowed) {
    for (Class<?> type : allowed) {
      if (type.isAssignableFrom(method.getReturnType())) {
        return;
      }
    }
    throw new IllegalStateException("operator " + spec.name() + " is a " + spec.kind() + " but " + method
        + " returns " + method.getReturnType().getName());
  }
}
