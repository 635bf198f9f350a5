package dev.runnel.functions.operators;

import dev.runnel.api.JoinWindow;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.joins.IntervalJoinOperator;
import dev.runnel.functions.joins.JoinFiring;
import dev.runnel.functions.state.StageStates;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.timers.TimersHandle;
import dev.runnel.functions.windows.ElementContents;
import dev.runnel.functions.windows.WindowOperator;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.OperatorSpec;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Binds a {@code window-join} operator: a window operator keeping both inputs' records of each window
 * ({@link ElementContents} of {@code JoinRecord}s), whose firing pairs them through the join method
 * ({@link JoinFiring}).
 */
final class JoinBinding {
  private JoinBinding() {}

  static WindowOperator bind(OperatorSpec spec, Object job, JobClasses classes, StageStates states, StageClock clock) {
    JoinSpec join = spec.join();
    Class<?> left = classes.load(join.leftType(), "left type of join " + spec.name());
    Class<?> right = classes.load(join.rightType(), "right type of join " + spec.name());
    Method method = find(job.getClass(), spec.method(), left, right, join.takesWindow());
    if (method == null) {
      throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
          + spec.method() + "(" + left.getName() + ", " + right.getName() + (join.takesWindow() ? ", JoinWindow" : "")
          + ") for join " + spec.name() + "; plan the job again from the same build");
    }
    JoinFiring firing = new JoinFiring(spec.name(), Operators.handle(method).bindTo(job)
        .asSpreader(Object[].class, method.getParameterCount())
        .asType(MethodType.methodType(Object.class, Object[].class)), join.takesWindow(),
        ProcessOperator.ReturnShape.of(method.getReturnType()));
    return new WindowOperator(spec.name(), spec.window(), new ElementContents(), firing.asWindowMethod(),
        ProcessOperator.ReturnShape.MANY, states.access(spec.name(), "window"), clock);
  }

  /**
   * Binds an {@code interval-join} operator: the join method called per pair as records arrive, over the key's
   * buffers and the timers that drop them ({@link IntervalJoinOperator}).
   */
  static IntervalJoinOperator bindInterval(OperatorSpec spec, Object job, JobClasses classes, StageStates states,
      StageClock clock) {
    JoinSpec join = spec.join();
    Class<?> left = classes.load(join.leftType(), "left type of join " + spec.name());
    Class<?> right = classes.load(join.rightType(), "right type of join " + spec.name());
    Method method = find(job.getClass(), spec.method(), left, right, false);
    if (method == null) {
      throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
          + spec.method() + "(" + left.getName() + ", " + right.getName() + ") for join " + spec.name()
          + "; plan the job again from the same build");
    }
    return new IntervalJoinOperator(spec.name(), Operators.handle(method).bindTo(job)
        .asType(MethodType.methodType(Object.class, Object.class, Object.class)),
        ProcessOperator.ReturnShape.of(method.getReturnType()), join.lowerBound(), join.upperBound(),
        states.access(spec.name(), "buffers"), new TimersHandle(states.access(spec.name(), "timers"), clock), clock);
  }

  private static Method find(Class<?> jobClass, String name, Class<?> left, Class<?> right, boolean takesWindow) {
    for (Method m : jobClass.getMethods()) {
      Class<?>[] parameters = m.getParameterTypes();
      if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
          && parameters.length == (takesWindow ? 3 : 2) && parameters[0].isAssignableFrom(left)
          && parameters[1].isAssignableFrom(right) && (!takesWindow || parameters[2] == JoinWindow.class)) {
        return m;
      }
    }
    return null;
  }
}
