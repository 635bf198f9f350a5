package dev.runnel.planner;

import dev.runnel.api.KeyBy;
import dev.runnel.api.OnTimer;
import dev.runnel.api.Sink;
import dev.runnel.api.Timer;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.StateKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads the {@code @OnTimer} methods and links each to the {@code @KeyedProcess} operator whose Timers it handles. The
 * Timers parameter itself is read with the operator's state handles, by {@link StateParameters}.
 */
final class TimerReader {
  private final List<JobProblem> problems;
  private final EmittedTypes emitted;

  TimerReader(List<JobProblem> problems) {
    this.problems = problems;
    this.emitted = new EmittedTypes(problems);
  }

  /**
   * Links each {@code @OnTimer} method to the {@code @KeyedProcess} operator whose timers it handles, and checks both
   * sides: one handler per operator with Timers, the handler's states declared as the operator declares them, and
   * the handler emitting what the operator emits. A handler is not a node.
   */
  List<OperatorNode> link(List<OperatorNode> operators, List<Method> handlers) {
    Map<String, OperatorNode> byName = new HashMap<>();
    operators.forEach(operator -> byName.putIfAbsent(operator.name(), operator));
    List<String> withTimers = operators.stream().filter(OperatorNode::takesTimers).map(OperatorNode::name).toList();
    Map<String, String> handlerOf = new HashMap<>();
    Map<String, String> handlerWhere = new HashMap<>();
    StateParameters stateParameters = new StateParameters(problems);
    for (Method handler : handlers) {
      String at = Describe.method(handler);
      String target = handler.getAnnotation(OnTimer.class).value();
      OperatorNode operator = byName.get(target);
      String choose = withTimers.isEmpty() ? "Name a @KeyedProcess method that takes a Timers parameter."
          : "Name the @KeyedProcess method whose timers it handles: one of " + withTimers + ".";
      if (operator == null) {
        problem(at, "@OnTimer(\"" + target + "\") names no operator", choose);
        continue;
      }
      if (operator.kind() != OperatorKind.PROCESS) {
        problem(at, "@OnTimer(\"" + target + "\") names a " + operator.kind().name().toLowerCase().replace('_', '-')
            + " operator, but only a @KeyedProcess registers timers", choose
            + (operator.kind() == OperatorKind.WINDOW ? " A @Window fires by itself." : ""));
        continue;
      }
      if (!operator.takesTimers()) {
        problem(at, "@OnTimer(\"" + target + "\") names " + operator.where()
                + ", which has no Timers parameter and so never registers a timer",
            "Add a Timers parameter to " + target + " and register timers with it, or remove this method.");
        continue;
      }
      String earlier = handlerWhere.putIfAbsent(target, at);
      if (earlier != null) {
        problem(at, "is a second @OnTimer(\"" + target + "\"); the first is " + earlier,
            "Handle all of " + target + "'s timers in one method: its Timer says which time fired.");
        continue;
      }
      handlerOf.put(target, handler.getName());
      if (handler.isAnnotationPresent(KeyBy.class) || handler.getAnnotationsByType(Sink.class).length > 0) {
        problem(at, "has @KeyBy or @Sink, but an @OnTimer method is not a node: what it returns leaves on "
                + target + "'s node", "Move @KeyBy and @Sink to " + target + "; they apply to the timer's results too.");
      }
      if (!Modifier.isPublic(handler.getModifiers())) {
        problem(at, "@OnTimer method is not public", "Make it public so the runtime can call it.");
      }
      if (handler.getParameterCount() == 0 || handler.getParameterTypes()[0] != Timer.class) {
        problem(at, "the first parameter of an @OnTimer method is the Timer that fired, but this one "
                + (handler.getParameterCount() == 0 ? "takes none"
                    : "is a " + Describe.type(handler.getParameterTypes()[0])),
            "Change the signature to R name(Timer timer, @State handles..., Timers timers); the handles and Timers"
                + " are optional.");
        continue;
      }
      checkHandlerStates(at, stateParameters.read(handler, at, "the Timer an @OnTimer").states(), operator);
      checkHandlerOutput(at, emitted.of(at, "an @OnTimer method", handler), operator);
    }
    List<OperatorNode> linked = new ArrayList<>();
    for (OperatorNode operator : operators) {
      if (operator.takesTimers() && !handlerOf.containsKey(operator.name())) {
        problem(operator.where(), "takes Timers but no @OnTimer method handles its timers",
            "Add @OnTimer(\"" + operator.name() + "\") public R name(Timer timer, ...), returning what "
                + operator.name() + " returns, or remove the Timers parameter.");
      }
      String onTimer = handlerOf.get(operator.name());
      linked.add(onTimer != null && operator.takesTimers() ? operator.withOnTimer(onTimer) : operator);
    }
    return linked;
  }

  private void checkHandlerStates(String at, List<StateDeclaration> states, OperatorNode operator) {
    for (StateDeclaration state : states) {
      StateDeclaration declared = operator.states().stream().filter(s -> s.name().equals(state.name())).findFirst()
          .orElse(null);
      if (declared == null) {
        problem(at, "its state '" + state.name() + "' is not a state of " + operator.name(),
            operator.states().isEmpty()
                ? "Remove it, or declare it on " + operator.name() + ": an @OnTimer method sees its operator's states."
                : "Use " + operator.name() + "'s states " + operator.states().stream().map(StateDeclaration::name)
                    .toList() + ", declared as there, or declare '" + state.name() + "' on " + operator.name() + ".");
      } else if (declared.kind() != state.kind() || !declared.typeArguments().equals(state.typeArguments())
          || !Objects.equals(declared.function(), state.function())
          || (state.ttlSeconds() != 0 && state.ttlSeconds() != declared.ttlSeconds())) {
        problem(at, "its state '" + state.name() + "' is a " + describe(state) + ", but " + operator.name()
                + " declares it as a " + describe(declared),
            "Declare it exactly as " + operator.name() + " does: " + describe(declared) + ".");
      }
    }
  }

  private void checkHandlerOutput(String at, Class<?> emitted, OperatorNode operator) {
    if (emitted == null || emitted == void.class) {
      return; // unreadable (reported) or emits nothing, which suits every operator
    }
    Class<?> expected = operator.outputType();
    if (expected == void.class) {
      problem(at, "returns " + Describe.type(emitted) + " records, but " + operator.name()
              + " returns nothing, so its node has no records to emit them on",
          "Return void, or make " + operator.name() + " return " + Describe.type(emitted) + ".");
    } else if (!expected.isAssignableFrom(emitted)) {
      problem(at, "emits " + Describe.type(emitted) + ", but " + operator.name() + " emits "
              + Describe.type(expected) + ", and a timer's results leave on " + operator.name() + "'s node",
          "Return " + Describe.type(expected) + ", Optional<" + Describe.type(expected) + "> or List<"
              + Describe.type(expected) + ">.");
    }
  }

  /** A state as its handle is written: {@code ValueState<Long>}, with its function and ttl if any. */
  private static String describe(StateDeclaration state) {
    String handle = switch (state.kind()) {
      case VALUE -> "ValueState";
      case LIST -> "ListState";
      case MAP -> "MapState";
      case REDUCING -> "ReducingState";
      case AGGREGATING -> "AggregatingState";
      default -> state.kind().name().toLowerCase();
    };
    List<String> arguments = state.kind() == StateKind.AGGREGATING ? state.typeArguments().subList(0, 2)
        : state.typeArguments();
    return handle + "<" + arguments.stream().map(a -> a.replaceAll("[\\w]+[.$]", ""))
        .collect(Collectors.joining(", ")) + ">"
        + (state.function() == null ? "" : " with function " + state.function().replaceAll("[\\w]+[.$]", ""))
        + (state.ttlSeconds() == 0 ? "" : " with ttl " + state.ttlSeconds() + " s");
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
