package dev.runnel.planner;

import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.Reduce;
import dev.runnel.api.Sink;
import dev.runnel.plan.OperatorKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Reads a {@code @Filter}, {@code @MapEach}, {@code @FlatMap}, {@code @KeyedProcess} or {@code @Reduce} method (or one
 * with the deprecated {@code @Map} or {@code @Process}): its signature, the records it takes and emits, its keyed
 * state and Timers, its key and sinks.
 */
final class OperatorReader {
  private final List<JobProblem> problems;
  private final OutputReader outputs;
  private final EmittedTypes emitted;

  OperatorReader(List<JobProblem> problems) {
    this.problems = problems;
    this.outputs = new OutputReader(problems);
    this.emitted = new EmittedTypes(problems);
  }

  /** The operator the method declares with its annotation, or null (with problems) when it is not usable. */
  OperatorNode read(Method method, Annotation annotation, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    OperatorKind kind = kindOf(annotation);
    List<String> from = fromOf(annotation);
    boolean ok = true;
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
      ok = false;
    }
    int expectedParameters = (kind == OperatorKind.REDUCE ? 2 : 1)
        + (kind == OperatorKind.REDUCE ? 0 : SideOutputReader.count(method));
    boolean arityOk = kind == OperatorKind.PROCESS ? method.getParameterCount() >= 1
        : method.getParameterCount() == expectedParameters;
    if (!arityOk) {
      problem(at, kind == OperatorKind.REDUCE
              ? "a @Reduce takes two parameters, the reduced value and the next record, but this one takes "
                  + method.getParameterCount()
              : "an operator takes exactly one parameter, the record" + (kind == OperatorKind.PROCESS
                  ? ", then state handles" : "") + ", but this one takes " + method.getParameterCount(),
          kind == OperatorKind.REDUCE ? "Change the signature to T name(T accumulated, T next)."
              : "Change the signature to take one record (and any @Side SideOutput<T> parameters).");
      return null;
    }
    Class<?> inputType = method.getParameterTypes()[0];
    if (inputType == dev.runnel.api.SideOutput.class) {
      problem(at, "its first parameter is a SideOutput", "Take the record first, then the side outputs.");
      return null;
    }
    if (inputType.isPrimitive()) {
      problem(at, "its parameter is the primitive " + inputType, "Take a record type.");
      ok = false;
    }
    Class<?> outputType = outputType(at, kind, method);
    if (outputType == null || !ok) {
      return null;
    }
    List<StateDeclaration> states = List.of();
    boolean takesTimers = false;
    BroadcastDeclaration broadcast = null;
    StateParameters stateParameters = new StateParameters(problems);
    if (kind == OperatorKind.PROCESS) {
      StateParameters.Handles handles = stateParameters.read(method, at);
      states = handles.states();
      takesTimers = handles.timers();
      broadcast = broadcast(annotation, handles.broadcastTypes(), at);
    } else if (kind == OperatorKind.REDUCE) {
      states = List.of(stateParameters.reduced(inputType, ((Reduce) annotation).ttl(), at));
    }
    if (outputType == void.class && (keyBy != null || sinkAnnotations.length > 0)) {
      problem(at, "returns nothing, so it has no output for @KeyBy or @Sink",
          "Return the record to emit, or remove @KeyBy and @Sink.");
    }
    String keyField = keyBy == null ? null : outputs.keyField(at, keyBy, outputType);
    return new OperatorNode(method.getName(), kind, from, inputType, outputType, keyField,
        keyBy == null ? 0 : keyBy.shards(), outputs.sinks(at, outputType, sinkAnnotations), states, null, takesTimers,
        null, at, null, null, broadcast);
  }

  /**
   * The broadcast input a {@code @KeyedProcess} declares, or null: {@code broadcast} names the node and a
   * {@code ReadOnlyBroadcastState<K, V>} parameter reads it; one without the other is a problem.
   */
  private BroadcastDeclaration broadcast(Annotation annotation, List<String> stateTypes, String at) {
    String node = annotation instanceof KeyedProcess process ? process.broadcast() : "";
    if (node.isEmpty()) {
      if (stateTypes != null) {
        problem(at, "takes a ReadOnlyBroadcastState but names no broadcast input",
            "Add broadcast = \"node\" to its @KeyedProcess, naming the source stream or operator whose records (the"
                + " rules) an @OnBroadcast method keeps in that state; or remove the parameter.");
      }
      return null;
    }
    if (stateTypes == null) {
      problem(at, "has broadcast = \"" + node + "\" but no ReadOnlyBroadcastState parameter to read it",
          "Add a parameter ReadOnlyBroadcastState<K, V> rules, with the key and value types its @OnBroadcast method"
              + " puts, or remove broadcast.");
      return null;
    }
    return stateTypes.isEmpty() ? null : new BroadcastDeclaration(node, stateTypes, null, null);
  }

  private Class<?> outputType(String at, OperatorKind kind, Method method) {
    Class<?> returned = method.getReturnType();
    switch (kind) {
      case FILTER -> {
        if (returned != boolean.class && returned != Boolean.class) {
          problem(at, "a @Filter returns boolean, but this one returns " + Describe.type(returned),
              "Return true to keep the record; use @MapEach to transform it.");
          return null;
        }
        return method.getParameterTypes()[0];
      }
      case MAP -> {
        if (returned == void.class || returned == Void.class || returned.isPrimitive()) {
          problem(at, "a @MapEach returns the record it makes, but this one returns " + returned,
              "Return a record type; use @Filter to drop records and @FlatMap for zero or more.");
          return null;
        }
        return returned;
      }
      case REDUCE -> {
        Class<?>[] parameters = method.getParameterTypes();
        if (returned != parameters[0] || parameters[1] != parameters[0]) {
          problem(at, "a @Reduce combines two values of one type into that type, but this one is "
                  + Describe.type(returned) + " (" + Describe.type(parameters[0]) + ", " + Describe.type(parameters[1])
                  + ")", "Change the signature to T name(T accumulated, T next).");
          return null;
        }
        return returned;
      }
      case PROCESS -> {
        return emitted.of(at, "a @KeyedProcess", method);
      }
      default -> {
        Class<?> element = EmittedTypes.iterableElement(method.getGenericReturnType());
        if (element == null) {
          problem(at, "a @FlatMap returns List<R> or another Iterable<R> of a record class R, not "
              + method.getGenericReturnType().getTypeName(), "Return, for example, List<MyRecord>.");
        }
        return element;
      }
    }
  }

  @SuppressWarnings("deprecation")
  private static OperatorKind kindOf(Annotation annotation) {
    if (annotation instanceof Filter) {
      return OperatorKind.FILTER;
    } else if (annotation instanceof MapEach || annotation instanceof dev.runnel.api.Map) {
      return OperatorKind.MAP;
    } else if (annotation instanceof FlatMap) {
      return OperatorKind.FLAT_MAP;
    } else if (annotation instanceof KeyedProcess || annotation instanceof dev.runnel.api.Process) {
      return OperatorKind.PROCESS;
    }
    return OperatorKind.REDUCE;
  }

  /** The {@code from} names: several for a union, none when the input is found by type. */
  @SuppressWarnings("deprecation")
  private static List<String> fromOf(Annotation annotation) {
    if (annotation instanceof Filter f) {
      return names(f.from());
    } else if (annotation instanceof MapEach m) {
      return names(m.from());
    } else if (annotation instanceof dev.runnel.api.Map m) {
      return names(m.from());
    } else if (annotation instanceof FlatMap f) {
      return names(f.from());
    } else if (annotation instanceof KeyedProcess p) {
      return OperatorNode.fromOne(p.from());
    } else if (annotation instanceof dev.runnel.api.Process p) {
      return OperatorNode.fromOne(p.from());
    }
    return OperatorNode.fromOne(((Reduce) annotation).from());
  }

  /** A {@code from} array as names: {@code from = ""}, as written before unions, means none, as {@code {}} does. */
  private static List<String> names(String[] from) {
    return from.length == 1 && from[0].isEmpty() ? List.of() : List.of(from);
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
