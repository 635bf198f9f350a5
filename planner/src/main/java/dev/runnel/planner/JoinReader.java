package dev.runnel.planner;

import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.WindowJoin;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Reads a {@code @WindowJoin} method: its two inputs' names, its signature {@code R name(L left, T right[,
 * JoinWindow window])} and its window size. The checks against the inputs themselves are {@link JoinInputs}'.
 */
final class JoinReader {
  private final List<JobProblem> problems;
  private final Durations durations;
  private final OutputReader outputs;
  private final EmittedTypes emitted;

  JoinReader(List<JobProblem> problems) {
    this.problems = problems;
    this.durations = new Durations(problems);
    this.outputs = new OutputReader(problems);
    this.emitted = new EmittedTypes(problems);
  }

  /** The join the method declares, or null (with problems) when it is not usable. */
  OperatorNode read(Method method, WindowJoin join, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    int before = problems.size();
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
    }
    if (join.left().isEmpty() || join.right().isEmpty()) {
      problem(at, "@WindowJoin leaves " + (join.left().isEmpty() ? "left" : "right") + " empty",
          "Name both inputs, e.g. @WindowJoin(left = \"persons\", right = \"auctions\", size = \"PT10S\").");
    } else if (join.left().equals(join.right())) {
      problem(at, "@WindowJoin reads '" + join.left() + "' on both sides",
          "Join two different nodes; to pair a stream's records with each other, use a @Window over it.");
    }
    Class<?>[] parameters = method.getParameterTypes();
    boolean takesWindow = parameters.length == 3 && parameters[2] == JoinWindow.class;
    if (parameters.length != 2 && !takesWindow) {
      problem(at, "a @WindowJoin method takes a left record and a right record (and optionally the JoinWindow), but"
              + " this one takes " + (parameters.length == 3 ? "a " + Describe.type(parameters[2]) + " third"
              : parameters.length + " parameters"),
          "Change the signature to R " + method.getName() + "(L left, T right) or R " + method.getName()
              + "(L left, T right, JoinWindow window).");
      return null;
    }
    for (int i = 0; i < 2; i++) {
      if (parameters[i].isPrimitive()) {
        problem(at, "its " + (i == 0 ? "left" : "right") + " parameter is the primitive " + parameters[i],
            "Take the record type the " + (i == 0 ? "left" : "right") + " input emits.");
      }
    }
    Class<?> outputType = emitted.of(at, "a @WindowJoin", method);
    if (outputType == void.class) {
      problem(at, "a @WindowJoin returns what it emits for a pair, but this one returns nothing",
          "Return R, Optional<R> or List<R>.");
    }
    Long size = durations.millis(at, "@WindowJoin(size)", join.size(), true, "PT10S");
    String keyField = keyBy == null || outputType == null || outputType == void.class ? null
        : outputs.keyField(at, keyBy, outputType);
    List<SinkDeclaration> sinks = outputType == null || outputType == void.class ? List.of()
        : outputs.sinks(at, outputType, sinkAnnotations);
    if (problems.size() > before || outputType == null || size == null) {
      return null;
    }
    WindowSpec window = new WindowSpec(WindowKind.TUMBLING, size, size, 0, 0, null, null);
    return new OperatorNode(method.getName(), OperatorKind.WINDOW_JOIN, List.of(join.left()), parameters[0], outputType,
        keyField, keyBy == null ? 0 : keyBy.shards(), sinks, List.of(), null, false, null, at, null,
        new JoinDeclaration(join.left(), join.right(), parameters[0], parameters[1], takesWindow, window));
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
