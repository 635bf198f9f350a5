package dev.runnel.functions.operators;

import dev.runnel.api.State;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.StageStates;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Binds the operator methods named in the plan to the job instance, with method handles resolved once. */
public final class Operators {
  private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);
  private static final MethodType OBJECTS_TO_OBJECT = MethodType.methodType(Object.class, Object.class, Object.class);

  private Operators() {}

  /** The operator for {@code spec}, calling its method on {@code job}; keyed operators use the stage's states. */
  public static Operator bind(OperatorSpec spec, Object job, JobClasses classes, StageStates states) {
    Class<?> inputType = classes.load(spec.inputType(), "input type of operator " + spec.name());
    Method method = find(job.getClass(), spec, inputType);
    MethodHandle bound = handle(method).bindTo(job);
    return switch (spec.kind()) {
      case FILTER -> {
        requireReturn(method, spec, boolean.class, Boolean.class);
        yield new FilterOperator(spec.name(), bound.asType(OBJECT_TO_OBJECT));
      }
      case MAP -> new MapOperator(spec.name(), bound.asType(OBJECT_TO_OBJECT));
      case FLAT_MAP -> {
        requireReturn(method, spec, Iterable.class);
        yield new FlatMapOperator(spec.name(), bound.asType(OBJECT_TO_OBJECT));
      }
      case REDUCE -> new ReduceOperator(spec.name(), bound.asType(OBJECTS_TO_OBJECT), states.reduction(spec.name()));
      case PROCESS -> {
        List<Object> handles = new ArrayList<>();
        for (Parameter parameter : Arrays.asList(method.getParameters()).subList(1, method.getParameterCount())) {
          State state = parameter.getAnnotation(State.class);
          if (state == null) {
            throw new IllegalStateException("parameter " + parameter + " of operator " + spec.name()
                + " has no @State; plan the job again from the same build");
          }
          handles.add(states.handle(spec.name(), state.value()));
        }
        MethodHandle spread = bound.asSpreader(Object[].class, method.getParameterCount())
            .asType(MethodType.methodType(Object.class, Object[].class));
        yield new ProcessOperator(spec.name(), spread, handles, shapeOf(method.getReturnType()));
      }
    };
  }

  private static ProcessOperator.ReturnShape shapeOf(Class<?> returned) {
    if (returned == void.class) {
      return ProcessOperator.ReturnShape.NOTHING;
    } else if (returned == Optional.class) {
      return ProcessOperator.ReturnShape.OPTIONAL;
    } else if (Iterable.class.isAssignableFrom(returned)) {
      return ProcessOperator.ReturnShape.MANY;
    }
    return ProcessOperator.ReturnShape.ONE;
  }

  private static Method find(Class<?> jobClass, OperatorSpec spec, Class<?> inputType) {
    Method match = null;
    for (Method m : jobClass.getMethods()) {
      if (m.getName().equals(spec.method()) && !Modifier.isStatic(m.getModifiers()) && fits(m, spec, inputType)) {
        if (match == null || match.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0])) {
          match = m;
        }
      }
    }
    if (match == null) {
      throw new IllegalStateException("job class " + jobClass.getName() + " has no public method " + spec.method()
          + "(" + inputType.getName() + (spec.kind() == OperatorKind.REDUCE ? ", " + inputType.getName() : "")
          + ", ...) fitting operator " + spec.name() + " (" + spec.kind() + "); plan the job again from the same build");
    }
    return match;
  }

  private static boolean fits(Method method, OperatorSpec spec, Class<?> inputType) {
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length == 0 || !parameters[0].isAssignableFrom(inputType)) {
      return false;
    }
    return switch (spec.kind()) {
      case PROCESS -> true;
      case REDUCE -> parameters.length == 2 && parameters[1].isAssignableFrom(inputType);
      default -> parameters.length == 1 && method.getReturnType() != void.class;
    };
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
