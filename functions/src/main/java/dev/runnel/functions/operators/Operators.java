package dev.runnel.functions.operators;

import dev.runnel.api.Side;
import dev.runnel.api.SideOutput;
import dev.runnel.api.State;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.joins.IntervalJoinOperator;
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
import dev.runnel.functions.inference.AnswerDecoder;
import dev.runnel.functions.inference.BatchAnswers;
import dev.runnel.functions.inference.InferenceOperator;
import dev.runnel.functions.inference.PromptRenderer;
import dev.runnel.functions.inference.ResultKeys;
import dev.runnel.plan.InferenceSpec;
import dev.runnel.plan.ModelSpec;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.timers.OnTimerOperator;
import dev.runnel.functions.timers.TimersHandle;
import dev.runnel.functions.windows.LateOperator;
import dev.runnel.functions.windows.WindowOperator;
import dev.runnel.plan.StageSpec;

/** Binds the operator methods named in the plan to the job instance, with method handles resolved once. */
public final class Operators {
  private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);
  private static final MethodType OBJECTS_TO_OBJECT = MethodType.methodType(Object.class, Object.class, Object.class);

  private Operators() {}

  /**
   * Binds every operator of {@code stage} to {@code job}: its chain, its window operators and the {@code @OnTimer}
   * methods of its process operators, all on the stage's {@code clock}.
   */
  public static BoundStage bindStage(StageSpec stage, Object job, JobClasses classes, StageStates states,
      StageClock clock) {
    return bindStage(stage, job, classes, states, clock, List.of(), new BatchAnswers());
  }

  /**
   * As above, for a stage that may call {@code models}: its inference operators read their answers from
   * {@code answers}.
   */
  public static BoundStage bindStage(StageSpec stage, Object job, JobClasses classes, StageStates states,
      StageClock clock, List<ModelSpec> models, BatchAnswers answers) {
    List<Operator> operators = new ArrayList<>(stage.operators().size());
    List<List<String>> sources = new ArrayList<>(stage.operators().size());
    Map<String, WindowOperator> windows = new LinkedHashMap<>();
    Map<String, OnTimerOperator> onTimers = new LinkedHashMap<>();
    List<InferenceOperator> inference = new ArrayList<>();
    Map<String, SideBuffer> sides = new LinkedHashMap<>();
    for (OperatorSpec spec : stage.operators()) {
      if (spec.kind() == OperatorKind.SIDE) {
        sides.put(spec.name(), new SideBuffer(spec.name()));
      }
    }
    for (OperatorSpec spec : stage.operators()) {
      Operator operator = switch (spec.kind()) {
        case INFERENCE -> {
          InferenceOperator bound = bindInference(stage.id(), spec, job, classes, models, answers);
          inference.add(bound);
          yield bound;
        }
        case WINDOW -> {
          WindowOperator window = WindowBinding.bind(spec, job, classes, states, clock, stage);
          windows.put(spec.name(), window);
          yield window;
        }
        case WINDOW_JOIN -> {
          WindowOperator join = JoinBinding.bind(spec, job, classes, states, clock);
          windows.put(spec.name(), join);
          yield join;
        }
        case INTERVAL_JOIN -> {
          IntervalJoinOperator join = JoinBinding.bindInterval(spec, job, classes, states, clock);
          onTimers.put(spec.name(), new OnTimerOperator(spec.name(), join.asTimerMethod(), List.of(),
              ProcessOperator.ReturnShape.MANY, join.timers()));
          yield join;
        }
        case LATE -> {
          WindowOperator window = windows.get(spec.from());
          if (window == null) {
            throw new IllegalStateException("late node " + spec.name() + " reads " + spec.from()
                + ", which is not a window operator of stage " + stage.id() + "; plan the job again");
          }
          yield new LateOperator(spec.name(), window);
        }
        case SIDE -> new SideOperator(spec.name(), sides.get(spec.name()));
        case PROCESS -> {
          TimersHandle timers = spec.hasTimers() ? new TimersHandle(states.access(spec.name(), "timers"), clock) : null;
          if (timers != null) {
            onTimers.put(spec.name(), bindOnTimer(spec, job, states, timers));
          }
          Operator process = bindProcess(spec, job, classes, states, timers, sides);
          yield spec.broadcast() == null ? process
              : bindBroadcast(spec, job, classes, states, (ProcessOperator) process);
        }
        default -> bind(spec, job, classes, states, sides);
      };
      operators.add(operator);
      sources.add(spec.inputs());
    }
    return new BoundStage(OperatorChain.ofUnions(stage.input().node(), operators, sources), windows, onTimers,
        inference);
  }

  private static InferenceOperator bindInference(String stage, OperatorSpec spec, Object job, JobClasses classes,
      List<ModelSpec> models, BatchAnswers answers) {
    InferenceSpec inference = spec.inference();
    ModelSpec model = models.stream().filter(m -> m.name().equals(inference.model())).findFirst()
        .orElseThrow(() -> new IllegalStateException("operator " + spec.name() + " calls model " + inference.model()
            + ", which the plan does not declare; plan the job again"));
    Class<?> inputType = classes.load(spec.inputType(), "input type of operator " + spec.name());
    Class<?> answerType = classes.load(inference.answerType(), "answer type of operator " + spec.name());
    Method method = null;
    for (Method m : job.getClass().getMethods()) {
      if (m.getName().equals(spec.method()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 2
          && m.getParameterTypes()[0].isAssignableFrom(inputType) && m.getParameterTypes()[1] == answerType) {
        method = m;
      }
    }
    if (method == null) {
      throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
          + spec.method() + "(" + inputType.getName() + ", " + answerType.getName() + ") for operator " + spec.name()
          + "; plan the job again from the same build");
    }
    return new InferenceOperator(spec.name(), model.name(), handle(method).bindTo(job).asType(OBJECTS_TO_OBJECT),
        new PromptRenderer(inference.prompt(), inputType), new ResultKeys(stage, spec.name(), model, inference),
        new AnswerDecoder(inference.task(), answerType, inference.labels()), answers);
  }

  /** The operator for {@code spec}, calling its method on {@code job}; keyed operators use the stage's states. */
  public static Operator bind(OperatorSpec spec, Object job, JobClasses classes, StageStates states) {
    return bind(spec, job, classes, states, Map.of());
  }

  /** As above, with the buffers of the stage's side outputs by node name, for methods taking a SideOutput. */
  private static Operator bind(OperatorSpec spec, Object job, JobClasses classes, StageStates states,
      Map<String, SideBuffer> sides) {
    Class<?> inputType = classes.load(spec.inputType(), "input type of operator " + spec.name());
    Method method = find(job.getClass(), spec, inputType);
    MethodHandle handle = handle(method);
    Function<Object, Object> function = method.getParameterCount() == 1 ? MethodFunction.bound(method, job, handle)
        : MethodFunction.ofHandle(withSides(spec, method, handle.bindTo(job), sides));
    return switch (spec.kind()) {
      case FILTER -> {
        requireReturn(method, spec, boolean.class, Boolean.class);
        yield new FilterOperator(spec.name(), function);
      }
      case MAP -> new MapOperator(spec.name(), function);
      case FLAT_MAP -> {
        requireReturn(method, spec, Iterable.class);
        yield new FlatMapOperator(spec.name(), function);
      }
      case REDUCE -> new ReduceOperator(spec.name(), handle.bindTo(job).asType(OBJECTS_TO_OBJECT),
          states.reduction(spec.name()));
      case PROCESS -> bindProcess(spec, job, classes, states, null, sides);
      case WINDOW, LATE, SIDE, INFERENCE, WINDOW_JOIN, INTERVAL_JOIN -> throw new IllegalStateException("operator " + spec.name()
          + " (" + spec.kind() + ") is bound with its stage, by bindStage");
    };
  }

  /** {@code handle}, taking the record and then side outputs, with the side outputs' buffers bound: one argument. */
  private static MethodHandle withSides(OperatorSpec spec, Method method, MethodHandle handle,
      Map<String, SideBuffer> sides) {
    MethodHandle bound = handle;
    Parameter[] parameters = method.getParameters();
    for (int i = parameters.length - 1; i >= 1; i--) {
      bound = MethodHandles.insertArguments(bound, i, side(spec, parameters[i], sides));
    }
    return bound;
  }

  /** The buffer of the side output a {@code @Side SideOutput} parameter of {@code spec}'s method names. */
  private static SideBuffer side(OperatorSpec spec, Parameter parameter, Map<String, SideBuffer> sides) {
    Side side = parameter.getAnnotation(Side.class);
    SideBuffer buffer = side == null ? null : sides.get(spec.name() + "." + side.value());
    if (buffer == null) {
      throw new IllegalStateException("parameter " + parameter + " of operator " + spec.name() + " is not a side"
          + " output of the stage in the plan; plan the job again from the same build");
    }
    return buffer;
  }

  private static Operator bindProcess(OperatorSpec spec, Object job, JobClasses classes, StageStates states,
      TimersHandle timers, Map<String, SideBuffer> sides) {
    Class<?> inputType = classes.load(spec.inputType(), "input type of operator " + spec.name());
    Method method = find(job.getClass(), spec, inputType);
    List<Object> handles = handles(spec, method, 1, states, timers, sides);
    MethodHandle spread = handle(method).bindTo(job).asSpreader(Object[].class, method.getParameterCount())
        .asType(MethodType.methodType(Object.class, Object[].class));
    return new ProcessOperator(spec.name(), spread, handles, ProcessOperator.ReturnShape.of(method.getReturnType()));
  }

  private static OnTimerOperator bindOnTimer(OperatorSpec spec, Object job, StageStates states, TimersHandle timers) {
    Method method = null;
    for (Method m : job.getClass().getMethods()) {
      if (m.getName().equals(spec.onTimer()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1
          && m.getParameterTypes()[0] == Timer.class) {
        method = m;
      }
    }
    if (method == null) {
      throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
          + spec.onTimer() + "(Timer, ...) handling the timers of operator " + spec.name()
          + "; plan the job again from the same build");
    }
    List<Object> handles = handles(spec, method, 1, states, timers, Map.of());
    MethodHandle spread = handle(method).bindTo(job).asSpreader(Object[].class, method.getParameterCount())
        .asType(MethodType.methodType(Object.class, Object[].class));
    return new OnTimerOperator(spec.name(), spread, handles, ProcessOperator.ReturnShape.of(method.getReturnType()),
        timers);
  }

  /**
   * A process operator with a broadcast input: its keyed method, and its {@code @OnBroadcast} method taking the
   * broadcast record and the {@code BroadcastState} (docs/broadcast.md).
   */
  private static Operator bindBroadcast(OperatorSpec spec, Object job, JobClasses classes, StageStates states,
      ProcessOperator keyed) {
    Class<?> ruleType = classes.load(spec.broadcast().type(), "broadcast type of operator " + spec.name());
    Method method = null;
    for (Method m : job.getClass().getMethods()) {
      if (m.getName().equals(spec.broadcast().onBroadcast()) && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 2 && m.getParameterTypes()[0].isAssignableFrom(ruleType)
          && m.getParameterTypes()[1] == dev.runnel.api.BroadcastState.class) {
        method = m;
      }
    }
    if (method == null) {
      throw new IllegalStateException("job class " + job.getClass().getName() + " has no public method "
          + spec.broadcast().onBroadcast() + "(" + ruleType.getName() + ", BroadcastState) applying the broadcast"
          + " records of operator " + spec.name() + "; plan the job again from the same build");
    }
    MethodHandle onBroadcast = handle(method).bindTo(job)
        .asType(MethodType.methodType(void.class, Object.class, Object.class));
    return new BroadcastProcessOperator(keyed, onBroadcast, states.broadcast(spec.name()));
  }

  /** The arguments after the first of a process or onTimer method: its state handles, Timers and side outputs. */
  private static List<Object> handles(OperatorSpec spec, Method method, int skip, StageStates states,
      TimersHandle timers, Map<String, SideBuffer> sides) {
    List<Object> handles = new ArrayList<>();
    for (Parameter parameter : Arrays.asList(method.getParameters()).subList(skip, method.getParameterCount())) {
      if (parameter.getType() == SideOutput.class) {
        handles.add(side(spec, parameter, sides));
        continue;
      }
      if (parameter.getType() == dev.runnel.api.ReadOnlyBroadcastState.class) {
        if (spec.broadcast() == null) {
          throw new IllegalStateException("parameter " + parameter + " of " + method.getName() + " takes a"
              + " ReadOnlyBroadcastState but the plan gives operator " + spec.name() + " no broadcast input; plan the"
              + " job again from the same build");
        }
        handles.add(states.readOnlyBroadcast(spec.name()));
        continue;
      }
      if (parameter.getType() == Timers.class) {
        if (timers == null) {
          throw new IllegalStateException("parameter " + parameter + " of " + method.getName() + " takes Timers but"
              + " the plan gives operator " + spec.name() + " no timers; plan the job again from the same build");
        }
        handles.add(timers);
        continue;
      }
      State state = parameter.getAnnotation(State.class);
      if (state == null) {
        throw new IllegalStateException("parameter " + parameter + " of operator " + spec.name()
            + " has no @State; plan the job again from the same build");
      }
      handles.add(states.handle(spec.name(), state.value()));
    }
    return handles;
  }

  /** The public method {@code name} of {@code type} taking exactly {@code parameter}, or null. */
  static Method methodTaking(Class<?> type, String name, Class<?> parameter) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
          && m.getParameterTypes()[0] == parameter) {
        return m;
      }
    }
    return null;
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
      default -> Arrays.stream(parameters).skip(1).allMatch(p -> p == SideOutput.class)
          && method.getReturnType() != void.class;
    };
  }

  static MethodHandle handle(Method method) {
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
