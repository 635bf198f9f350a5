package dev.runnel.planner;

import dev.runnel.api.IntervalJoin;
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
 * Reads a {@code @WindowJoin} or {@code @IntervalJoin} method: its two inputs' names, its signature {@code R name(L
 * left, T right[, JoinWindow window])} (no window for an interval join) and its window size or bounds. The checks against the inputs themselves are {@link JoinInputs}'.
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

  /** The window join the method declares, or null (with problems) when it is not usable. */
  OperatorNode read(Method method, WindowJoin join, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    int before = problems.size();
    Long size = durations.millis(at, "@WindowJoin(size)", join.size(), true, "PT10S");
    Shape shape = shape(method, "@WindowJoin", join.left(), join.right(), true,
        "@WindowJoin(left = \"persons\", right = \"auctions\", size = \"PT10S\")", keyBy, sinkAnnotations, at);
    if (problems.size() > before || shape == null || size == null) {
      return null;
    }
    WindowSpec window = new WindowSpec(WindowKind.TUMBLING, size, size, 0, 0, null, null);
    return node(method, OperatorKind.WINDOW_JOIN, join.left(), shape, keyBy, at,
        new JoinDeclaration(join.left(), join.right(), shape.left(), shape.right(), shape.takesWindow(), window,
            null, null));
  }

  /** The interval join the method declares, or null (with problems) when it is not usable. */
  OperatorNode read(Method method, IntervalJoin join, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    int before = problems.size();
    Long lower = signedMillis(at, "@IntervalJoin(lowerBound)", join.lowerBound(), "-PT5S");
    Long upper = signedMillis(at, "@IntervalJoin(upperBound)", join.upperBound(), "PT5S");
    if (lower != null && upper != null && lower > upper) {
      problem(at, "@IntervalJoin(lowerBound = \"" + join.lowerBound() + "\") is after upperBound = \""
              + join.upperBound() + "\": no right record could pair",
          "Make lowerBound at most upperBound, e.g. lowerBound = \"-PT5S\", upperBound = \"PT5S\" for right records"
              + " up to 5 seconds before or after the left one.");
    }
    Shape shape = shape(method, "@IntervalJoin", join.left(), join.right(), false,
        "@IntervalJoin(left = \"persons\", right = \"auctions\", lowerBound = \"PT0S\", upperBound = \"PT1M\")",
        keyBy, sinkAnnotations, at);
    if (problems.size() > before || shape == null || lower == null || upper == null) {
      return null;
    }
    return node(method, OperatorKind.INTERVAL_JOIN, join.left(), shape, keyBy, at,
        new JoinDeclaration(join.left(), join.right(), shape.left(), shape.right(), false, null, lower, upper));
  }

  /** What a join method's signature says: its parameter types, whether it takes the window, what it emits. */
  private record Shape(Class<?> left, Class<?> right, boolean takesWindow, Class<?> outputType, String keyField,
      List<SinkDeclaration> sinks) {}

  private Shape shape(Method method, String annotation, String left, String right, boolean windows, String example,
      KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
    }
    if (left.isEmpty() || right.isEmpty()) {
      problem(at, annotation + " leaves " + (left.isEmpty() ? "left" : "right") + " empty",
          "Name both inputs, e.g. " + example + ".");
    } else if (left.equals(right)) {
      problem(at, annotation + " reads '" + left + "' on both sides",
          "Join two different nodes; to pair a stream's records with each other, use a @Window or a @KeyedProcess"
              + " over it.");
    }
    Class<?>[] parameters = method.getParameterTypes();
    boolean takesWindow = windows && parameters.length == 3 && parameters[2] == JoinWindow.class;
    if (parameters.length != 2 && !takesWindow) {
      String name = method.getName();
      problem(at, "a " + annotation + " method takes a left record and a right record"
              + (windows ? " (and optionally the JoinWindow)" : "") + ", but this one takes "
              + (parameters.length == 3 ? "a " + Describe.type(parameters[2]) + " third" : parameters.length
              + " parameters"),
          "Change the signature to R " + name + "(L left, T right)"
              + (windows ? " or R " + name + "(L left, T right, JoinWindow window)" : "") + ".");
      return null;
    }
    for (int i = 0; i < 2; i++) {
      if (parameters[i].isPrimitive()) {
        problem(at, "its " + (i == 0 ? "left" : "right") + " parameter is the primitive " + parameters[i],
            "Take the record type the " + (i == 0 ? "left" : "right") + " input emits.");
      }
    }
    Class<?> outputType = emitted.of(at, "a " + annotation, method);
    if (outputType == void.class) {
      problem(at, "a " + annotation + " returns what it emits for a pair, but this one returns nothing",
          "Return R, Optional<R> or List<R>.");
    }
    if (outputType == null || outputType == void.class) {
      return null;
    }
    String keyField = keyBy == null ? null : outputs.keyField(at, keyBy, outputType);
    List<SinkDeclaration> sinks = outputs.sinks(at, outputType, sinkAnnotations);
    return new Shape(parameters[0], parameters[1], takesWindow, outputType, keyField, sinks);
  }

  private static OperatorNode node(Method method, OperatorKind kind, String left, Shape shape, KeyBy keyBy, String at,
      JoinDeclaration declaration) {
    return new OperatorNode(method.getName(), kind, List.of(left), shape.left(), shape.outputType(),
        shape.keyField(), keyBy == null ? 0 : keyBy.shards(), shape.sinks(), List.of(), null, false, null, at, null,
        declaration);
  }

  /** A duration that may be negative ("-PT5S"), in milliseconds, or null (with a problem). */
  private Long signedMillis(String at, String what, String value, String example) {
    boolean negative = value.startsWith("-");
    Long millis = durations.millis(at, what, negative ? value.substring(1) : value, false, example);
    return millis == null ? null : negative ? -millis : millis;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
