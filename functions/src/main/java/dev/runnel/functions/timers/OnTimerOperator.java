package dev.runnel.functions.timers;

import dev.runnel.api.Timer;
import dev.runnel.functions.operators.ProcessOperator.ReturnShape;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A process operator's {@code @OnTimer} method with its arguments bound: the timer's state handles and its
 * {@link TimersHandle}, so that firing a timer runs {@code R onTimer(Timer, handles...)} for the current key.
 *
 * @param operator the process operator whose timers it handles (its node receives what it emits)
 * @param method   the bound method spread over {@code Object[]} (the timer, then the handles), typed
 *                 {@code (Object[])Object}
 * @param handles  the arguments after the timer, in parameter order
 * @param shape    how the returned value is emitted
 * @param timers   the operator's timers of the current key
 */
public record OnTimerOperator(String operator, MethodHandle method, List<Object> handles, ReturnShape shape,
    TimersHandle timers) {

  public OnTimerOperator {
    handles = List.copyOf(handles);
  }

  /** Runs the method for a fired timer of the current key and returns what it emits. */
  public List<Object> onTimer(Timer timer) throws Throwable {
    Object[] arguments = new Object[handles.size() + 1];
    arguments[0] = timer;
    for (int i = 0; i < handles.size(); i++) {
      arguments[i + 1] = handles.get(i);
    }
    Object result = (Object) method.invokeExact(arguments);
    List<Object> out = new ArrayList<>();
    shape.collect(result, "onTimer of " + operator, out);
    return out;
  }
}
