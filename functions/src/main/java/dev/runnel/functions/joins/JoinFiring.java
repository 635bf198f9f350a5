package dev.runnel.functions.joins;

import dev.runnel.api.JoinWindow;
import dev.runnel.api.Windowed;
import dev.runnel.functions.operators.ProcessOperator.ReturnShape;
import dev.runnel.plan.JoinSide;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a window join does when a window of a key fires: calls the join method for every pair of a left and a right
 * record of the window, left records in arrival order, each with the right records in arrival order, and collects
 * what it returns. The same window always gives the same records in the same order, so a replayed firing emits alike.
 */
public final class JoinFiring {
  /** {@link #fire} as a handle typed {@code (Object)Object}, as a window operator calls its method. */
  private static final MethodHandle FIRE;

  static {
    try {
      FIRE = MethodHandles.lookup().findVirtual(JoinFiring.class, "fire",
          MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final MethodHandle method;
  private final boolean takesWindow;
  private final ReturnShape shape;

  /**
   * A firing calling {@code method}, the bound join method typed {@code (Object[])Object} taking (left, right) or
   * (left, right, JoinWindow), whose result has {@code shape}.
   */
  public JoinFiring(String name, MethodHandle method, boolean takesWindow, ReturnShape shape) {
    this.name = name;
    this.method = method;
    this.takesWindow = takesWindow;
    this.shape = shape;
  }

  /** This firing as the method of a window operator: {@code (Object)Object}, returning a list. */
  public MethodHandle asWindowMethod() {
    return FIRE.bindTo(this);
  }

  /** The records the join method returns for every pair of the window ({@code Windowed<List<JoinRecord>>}). */
  public Object fire(Object window) throws Throwable {
    Windowed<?> windowed = (Windowed<?>) window;
    List<Object> lefts = new ArrayList<>();
    List<Object> rights = new ArrayList<>();
    for (Object element : (List<?>) windowed.value()) {
      JoinRecord<?, ?> record = (JoinRecord<?, ?>) element;
      (record.side() == JoinSide.LEFT ? lefts : rights).add(record.record());
    }
    List<Object> out = new ArrayList<>();
    if (lefts.isEmpty() || rights.isEmpty()) {
      return out;
    }
    JoinWindow bounds = takesWindow ? new JoinWindow(windowed.key(), windowed.start(), windowed.end()) : null;
    for (Object left : lefts) {
      for (Object right : rights) {
        Object[] arguments = takesWindow ? new Object[] {left, right, bounds} : new Object[] {left, right};
        Object result = (Object) method.invokeExact(arguments);
        shape.collect(result, "join " + name, out);
      }
    }
    return out;
  }
}
