package dev.runnel.planner;

import dev.runnel.api.BroadcastState;
import dev.runnel.api.KeyBy;
import dev.runnel.api.OnBroadcast;
import dev.runnel.api.ReadOnlyBroadcastState;
import dev.runnel.api.Sink;
import dev.runnel.api.State;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code @OnBroadcast} methods and links each to the {@code @KeyedProcess(broadcast)} operator whose
 * broadcast state it changes: {@code void name(R rule, BroadcastState<K, V> state)}, with the operator's {@code K} and
 * {@code V}. That {@code R} accepts what the broadcast node emits is {@link BroadcastInputs}' check. A handler is not a
 * node.
 */
final class BroadcastReader {
  private final List<JobProblem> problems;

  BroadcastReader(List<JobProblem> problems) {
    this.problems = problems;
  }

  /** The operators, each with {@code broadcast} linked to its handler; problems for handlers and operators unlinked. */
  List<OperatorNode> link(List<OperatorNode> operators, List<Method> handlers) {
    Map<String, OperatorNode> byName = new HashMap<>();
    operators.forEach(operator -> byName.putIfAbsent(operator.name(), operator));
    List<String> reading = operators.stream().filter(OperatorNode::readsBroadcast).map(OperatorNode::name).toList();
    Map<String, String> handlerWhere = new HashMap<>();
    Map<String, BroadcastDeclaration> linked = new HashMap<>();
    StateParameters stateParameters = new StateParameters(problems);
    for (Method handler : handlers) {
      String at = Describe.method(handler);
      String target = handler.getAnnotation(OnBroadcast.class).value();
      OperatorNode operator = byName.get(target);
      String choose = reading.isEmpty()
          ? "Name a @KeyedProcess method with broadcast = \"node\" and a ReadOnlyBroadcastState parameter."
          : "Name the @KeyedProcess whose broadcast state it changes: one of " + reading + ".";
      if (operator == null) {
        problem(at, "@OnBroadcast(\"" + target + "\") names no operator", choose);
        continue;
      }
      if (!operator.readsBroadcast()) {
        problem(at, "@OnBroadcast(\"" + target + "\") names " + operator.where() + ", which reads no broadcast input",
            operator.kind() == dev.runnel.plan.OperatorKind.PROCESS
                ? "Add broadcast = \"node\" and a ReadOnlyBroadcastState<K, V> parameter to " + target
                    + ", or remove this method."
                : choose);
        continue;
      }
      String earlier = handlerWhere.putIfAbsent(target, at);
      if (earlier != null) {
        problem(at, "is a second @OnBroadcast(\"" + target + "\"); the first is " + earlier,
            "Apply all of " + target + "'s broadcast records in one method.");
        continue;
      }
      if (handler.isAnnotationPresent(KeyBy.class) || handler.getAnnotationsByType(Sink.class).length > 0) {
        problem(at, "has @KeyBy or @Sink, but an @OnBroadcast method is not a node and emits nothing",
            "Remove them; " + target + "'s own @KeyBy and @Sink apply to what it emits.");
      }
      if (!Modifier.isPublic(handler.getModifiers())) {
        problem(at, "@OnBroadcast method is not public", "Make it public so the runtime can call it.");
      }
      if (handler.getReturnType() != void.class) {
        problem(at, "an @OnBroadcast method returns nothing, but this one returns "
                + Describe.type(handler.getReturnType()),
            "Return void: it changes the broadcast state only. Emit from " + target + ", which reads the state for"
                + " every record.");
      }
      BroadcastDeclaration declared = operator.broadcast();
      String signature = "Change the signature to void " + handler.getName() + "(R rule, BroadcastState<"
          + String.join(", ", declared.stateTypes().stream().map(BroadcastReader::simple).toList()) + "> state).";
      Parameter[] parameters = handler.getParameters();
      if (parameters.length != 2 || parameters[1].getType() != BroadcastState.class) {
        problem(at, "an @OnBroadcast method takes the broadcast record and the BroadcastState, but this one takes "
                + Arrays.stream(handler.getParameterTypes()).map(Describe::type).toList(),
            signature + (Arrays.stream(parameters).anyMatch(p -> p.isAnnotationPresent(State.class))
                ? " It runs for no key, so it has no @State." : "")
            + (Arrays.stream(parameters).anyMatch(p -> p.getType() == ReadOnlyBroadcastState.class)
                ? " Take BroadcastState, which it may change." : ""));
        continue;
      }
      Class<?> recordType = parameters[0].getType();
      if (recordType.isPrimitive() || recordType == BroadcastState.class
          || recordType == ReadOnlyBroadcastState.class) {
        problem(at, "its first parameter is a " + Describe.type(recordType) + ", not the broadcast record", signature);
        continue;
      }
      List<String> types = stateParameters.typeArguments(parameters[1].getParameterizedType(), at, "parameter 2");
      if (types == null) {
        continue;
      }
      if (!types.equals(declared.stateTypes())) {
        problem(at, "its BroadcastState<" + String.join(", ", types.stream().map(BroadcastReader::simple).toList())
                + "> differs from " + target + "'s ReadOnlyBroadcastState<" + String.join(", ",
                declared.stateTypes().stream().map(BroadcastReader::simple).toList()) + ">",
            "Declare both with the same key and value types: they are one state.");
        continue;
      }
      linked.put(target, declared.linked(handler.getName(), recordType));
    }
    List<OperatorNode> result = new ArrayList<>();
    for (OperatorNode operator : operators) {
      if (!operator.readsBroadcast()) {
        result.add(operator);
      } else if (linked.containsKey(operator.name())) {
        result.add(operator.withBroadcast(linked.get(operator.name())));
      } else {
        if (!handlerWhere.containsKey(operator.name())) {
          problem(operator.where(), "has broadcast = \"" + operator.broadcast().node()
                  + "\" but no @OnBroadcast method keeps its broadcast state",
              "Add @OnBroadcast(\"" + operator.name() + "\") public void name(R rule, BroadcastState<"
                  + String.join(", ", operator.broadcast().stateTypes().stream().map(BroadcastReader::simple).toList())
                  + "> state), putting each broadcast record's rule into the state.");
        }
        result.add(operator);
      }
    }
    return result;
  }

  /** A type name without its packages and enclosing classes: {@code Rule} for {@code com.acme.Job$Rule}. */
  private static String simple(String typeName) {
    return typeName.replaceAll("[\\w]+[.$]", "");
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
