package dev.runnel.planner;

import dev.runnel.api.AggregateFunction;
import dev.runnel.api.AggregatingState;
import dev.runnel.api.BroadcastState;
import dev.runnel.api.ListState;
import dev.runnel.api.MapState;
import dev.runnel.api.ReadOnlyBroadcastState;
import dev.runnel.api.ReduceFunction;
import dev.runnel.api.ReducingState;
import dev.runnel.api.SideOutput;
import dev.runnel.api.State;
import dev.runnel.api.Timers;
import dev.runnel.api.ValueState;
import dev.runnel.plan.StateKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code @State} handle parameters of a {@code @KeyedProcess} method, checking each. */
final class StateParameters {
  /** The state name of a process operator's timers. */
  static final String TIMERS = "timers";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Map<Class<?>, StateKind> KINDS = Map.of(ValueState.class, StateKind.VALUE,
      ListState.class, StateKind.LIST, MapState.class, StateKind.MAP, ReducingState.class, StateKind.REDUCING,
      AggregatingState.class, StateKind.AGGREGATING);

  private final List<JobProblem> problems;

  StateParameters(List<JobProblem> problems) {
    this.problems = problems;
  }

  /**
   * The handles after the first parameter of a {@code @KeyedProcess} or {@code @OnTimer} method: its states, and whether
   * it takes {@code Timers}.
   *
   * @param states         the {@code @State} handles, in parameter order
   * @param timers         true when one parameter is {@code Timers}
   * @param broadcastTypes the key and value types of its {@code ReadOnlyBroadcastState<K, V>} parameter, or null
   *                       when it takes none
   */
  record Handles(List<StateDeclaration> states, boolean timers, List<String> broadcastTypes) {}

  /** The handles of a {@code @KeyedProcess} method, whose first parameter is the record. */
  Handles read(Method method, String at) {
    return read(method, at, "the record a @KeyedProcess", true);
  }

  /**
   * The handles declared by parameters 1..n of the method: {@code @State} handles and at most one {@code Timers}.
   *
   * @param after what parameter 0 is and which method takes it, for messages: "the record a @KeyedProcess"
   */
  Handles read(Method method, String at, String after) {
    return read(method, at, after, false);
  }

  /** As above; {@code sideOutputs}: whether {@code SideOutput} parameters are allowed (and read elsewhere). */
  private Handles read(Method method, String at, String after, boolean sideOutputs) {
    List<StateDeclaration> states = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean timers = false;
    List<String> broadcastTypes = null;
    Parameter[] parameters = method.getParameters();
    for (int i = 1; i < parameters.length; i++) {
      if (parameters[i].getType() == SideOutput.class && sideOutputs) {
        continue; // read by SideOutputReader
      }
      if (parameters[i].getType() == BroadcastState.class && sideOutputs) {
        problem(at, "parameter " + (i + 1) + " is a BroadcastState, which only an @OnBroadcast method changes",
            "Take ReadOnlyBroadcastState<K, V>: a keyed record reaches one shard, so a change made for it would leave"
                + " the shards' broadcast states different. Change the rules in the @OnBroadcast method.");
        continue;
      }
      if (parameters[i].getType() == ReadOnlyBroadcastState.class && sideOutputs) {
        if (broadcastTypes != null) {
          problem(at, "takes ReadOnlyBroadcastState twice",
              "Keep one: an operator has one broadcast state, a map; key its entries to keep several kinds of rules.");
        } else if (parameters[i].isAnnotationPresent(State.class)) {
          problem(at, "its ReadOnlyBroadcastState parameter has a @State name",
              "Remove @State from it: an operator has one broadcast state, stored per shard, not per key.");
        }
        List<String> types = typeArguments(parameters[i].getParameterizedType(), at, "parameter " + (i + 1));
        if (broadcastTypes == null) {
          broadcastTypes = types == null ? List.of() : types;
        }
        continue;
      }
      if (parameters[i].getType() == Timers.class) {
        if (timers) {
          problem(at, "takes Timers twice", "Keep one Timers parameter; it holds all of the key's timers.");
        } else if (parameters[i].isAnnotationPresent(State.class)) {
          problem(at, "its Timers parameter has a @State name",
              "Remove @State from it: the timers are stored with the key's state under the name 'timers'.");
        }
        timers = true;
        continue;
      }
      StateDeclaration state = read(parameters[i], i, at, after);
      if (state == null) {
        continue;
      }
      if (!names.add(state.name())) {
        problem(at, "declares two states named '" + state.name() + "'", "Give each @State a different name.");
      }
      states.add(state);
    }
    if (timers && names.contains(TIMERS)) {
      problem(at, "names a state '" + TIMERS + "', the name of its timers",
          "Rename the @State(\"" + TIMERS + "\") parameter; an operator with Timers stores them under that name.");
    }
    return new Handles(states, timers, broadcastTypes);
  }

  /** The running value of a {@code @Reduce} operator over records of this type. */
  StateDeclaration reduced(Class<?> type, String ttl, String at) {
    return new StateDeclaration("reduce", StateKind.REDUCING, List.of(type.getName()), null, ttlSeconds(ttl, at));
  }

  private StateDeclaration read(Parameter parameter, int index, String at, String after) {
    String which = "parameter " + (index + 1);
    StateKind kind = KINDS.get(parameter.getType());
    if (kind == null) {
      problem(at, which + " is a " + Describe.type(parameter.getType())
              + ", but after " + after + " method takes only state handles and Timers",
          "Use ValueState, ListState, MapState, ReducingState or AggregatingState, annotated @State(\"name\"), or"
              + " one Timers parameter.");
      return null;
    }
    State state = parameter.getAnnotation(State.class);
    if (state == null) {
      problem(at, which + " (" + Describe.type(parameter.getType()) + ") has no @State name",
          "Annotate it @State(\"name\"); the name identifies the stored state, keep it stable.");
      return null;
    }
    if (!NAME.matcher(state.value()).matches()) {
      problem(at, "state name '" + state.value() + "' is not valid", "Use 1-64 letters, digits, '-' and '_'.");
    }
    List<String> typeArguments = typeArguments(parameter.getParameterizedType(), at, which);
    if (typeArguments == null) {
      return null;
    }
    String function = null;
    if (kind == StateKind.REDUCING) {
      function = functionClass(state.reduce(), ReduceFunction.class, "reduce", at, which);
    } else if (kind == StateKind.AGGREGATING) {
      function = functionClass(state.aggregate(), AggregateFunction.class, "aggregate", at, which);
      if (function != null) {
        String accumulator = accumulatorType(state.aggregate(), at);
        if (accumulator == null) {
          return null;
        }
        typeArguments = List.of(typeArguments.get(0), typeArguments.get(1), accumulator);
      }
    }
    return new StateDeclaration(state.value(), kind, typeArguments, function, ttlSeconds(state.ttl(), at));
  }

  List<String> typeArguments(Type type, String at, String which) {
    if (!(type instanceof ParameterizedType parameterized)) {
      problem(at, which + " is a raw " + type.getTypeName(), "Give its type arguments, e.g. ValueState<Long>.");
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Type argument : parameterized.getActualTypeArguments()) {
      if (!concrete(argument)) {
        problem(at, which + " has the type argument " + argument.getTypeName() + ", which cannot be stored",
            "Use concrete types (records, strings, numbers, lists and maps of them), not wildcards or type variables.");
        return null;
      }
      names.add(argument.getTypeName());
    }
    return names;
  }

  static boolean concrete(Type type) {
    if (type instanceof Class<?>) {
      return true;
    }
    if (type instanceof ParameterizedType parameterized) {
      return Arrays.stream(parameterized.getActualTypeArguments()).allMatch(StateParameters::concrete);
    }
    // Type variables, wildcards and generic arrays cannot be decoded into.
    return false;
  }

  private String functionClass(Class<?> function, Class<?> marker, String attribute, String at, String which) {
    if (function == marker) {
      problem(at, which + " needs a function", "Set @State(value = \"...\", " + attribute + " = MyFunction.class).");
      return null;
    }
    boolean constructible = !function.isInterface() && !Modifier.isAbstract(function.getModifiers())
        && Modifier.isPublic(function.getModifiers())
        && Arrays.stream(function.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    if (!constructible) {
      problem(at, "function " + Describe.type(function) + " cannot be created by the runtime",
          "Make it a public concrete class with a public no-argument constructor.");
      return null;
    }
    return function.getName();
  }

  /** The accumulator type A of an {@code AggregateFunction<I, A, O>} implementation. */
  private String accumulatorType(Class<?> function, String at) {
    for (Type type : function.getGenericInterfaces()) {
      if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == AggregateFunction.class
          && concrete(parameterized.getActualTypeArguments()[1])) {
        return parameterized.getActualTypeArguments()[1].getTypeName();
      }
    }
    problem(at, "cannot tell the accumulator type of " + Describe.type(function),
        "Implement AggregateFunction<I, A, O> directly, with concrete types.");
    return null;
  }

  private long ttlSeconds(String ttl, String at) {
    if (ttl.isEmpty()) {
      return 0;
    }
    try {
      Duration duration = Duration.parse(ttl);
      if (duration.isNegative() || duration.isZero() || duration.toSeconds() < 1) {
        problem(at, "ttl \"" + ttl + "\" is not a positive duration of at least one second", "Use e.g. \"PT24H\".");
        return 0;
      }
      return duration.toSeconds();
    } catch (DateTimeParseException e) {
      problem(at, "ttl \"" + ttl + "\" is not an ISO-8601 duration", "Use e.g. \"PT30M\", \"PT24H\" or \"P7D\".");
      return 0;
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
