package dev.runnel.functions.operators;

import com.fasterxml.jackson.databind.JavaType;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.KeyedWindow;
import dev.runnel.api.Windowed;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.output.KeyField;
import dev.runnel.functions.state.StageStates;
import dev.runnel.functions.state.StateBinding;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.windows.BuiltInContents;
import dev.runnel.functions.windows.ElementContents;
import dev.runnel.functions.windows.FunctionContents;
import dev.runnel.functions.windows.PaneContents;
import dev.runnel.functions.windows.WindowKeys;
import dev.runnel.functions.windows.WindowOperator;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.AggregateSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.StageSpec;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.Function;

/** Binds a {@code window} operator: its method, what its windows keep, and its stored windows. */
final class WindowBinding {
  private WindowBinding() {}

  @SuppressWarnings("unchecked")
  static WindowOperator bind(OperatorSpec spec, Object job, JobClasses classes, StageStates states, StageClock clock,
      StageSpec stage) {
    Method method = Operators.methodTaking(job.getClass(), spec.method(), Windowed.class);
    Function<String, Object> typedKey = null;
    if (method == null) {
      method = Operators.methodTaking(job.getClass(), spec.method(), KeyedWindow.class);
      if (method == null) {
        throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
            + spec.method() + "(Windowed) or " + spec.method() + "(KeyedWindow) for window operator " + spec.name()
            + "; plan the job again from the same build");
      }
      typedKey = keyReader(stage, classes);
    }
    StateBinding stored = states.binding(spec.name(), "window");
    AggregateSpec aggregate = spec.window().aggregate();
    PaneContents contents;
    if (aggregate == null) {
      contents = new ElementContents();
    } else if (aggregate.kind() == AggregateKind.FUNCTION) {
      JavaType accumulator = stored.storedType().containedType(0);
      contents = new FunctionContents((AggregateFunction<Object, Object, Object>) stored.function(), accumulator,
          RunnelJson.MAPPER);
    } else {
      Class<?> records = classes.load(spec.inputType(), "input type of window " + spec.name());
      KeyField field = aggregate.kind() == AggregateKind.COUNT ? null : KeyField.resolve(records, aggregate.field());
      contents = new BuiltInContents(aggregate.kind(), field,
          field != null && BuiltInContents.integral(KeyField.typeOf(records, aggregate.field())));
    }
    return new WindowOperator(spec.name(), spec.window(), contents,
        Operators.handle(method).bindTo(job).asType(MethodType.methodType(Object.class, Object.class)),
        ProcessOperator.ReturnShape.of(method.getReturnType()), states.access(spec.name(), "window"), clock, typedKey);
  }

  /** Reads the stage's keys (the text of its input's key field) as that field's type. */
  private static Function<String, Object> keyReader(StageSpec stage, JobClasses classes) {
    if (stage.keyField() == null) {
      throw new IllegalStateException("stage " + stage.id() + " is not keyed, but its window takes a KeyedWindow;"
          + " plan the job again from the same build");
    }
    Class<?> input = classes.load(stage.input().type(), "input type of stage " + stage.id());
    Class<?> keyType = KeyField.typeOf(input, stage.keyField());
    if (keyType == null) {
      throw new IllegalStateException("type " + input.getName() + " has no key field '" + stage.keyField()
          + "'; plan the job again from the same build");
    }
    return WindowKeys.reader(keyType);
  }
}
