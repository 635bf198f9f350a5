package dev.runnel.planner;

import dev.runnel.api.Side;
import dev.runnel.api.SideOutput;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code @Side("name") SideOutput<T>} parameters of an operator method: each becomes a node
 * {@code "<method>.<name>"} emitting T, read with {@code from} like any node.
 */
final class SideOutputReader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * One side output as declared.
   *
   * @param name the {@code @Side} name
   * @param type the class of the records emitted to it
   */
  record Declared(String name, Class<?> type) {}

  private final List<JobProblem> problems;

  SideOutputReader(List<JobProblem> problems) {
    this.problems = problems;
  }

  /** The number of {@code SideOutput} parameters of the method. */
  static int count(Method method) {
    int count = 0;
    for (Class<?> type : method.getParameterTypes()) {
      count += type == SideOutput.class ? 1 : 0;
    }
    return count;
  }

  /** The side outputs the method declares; one with a problem is reported and left out. */
  List<Declared> read(Method method, String at) {
    List<Declared> sides = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Parameter parameter : method.getParameters()) {
      if (parameter.getType() != SideOutput.class) {
        continue;
      }
      Side side = parameter.getAnnotation(Side.class);
      if (side == null) {
        problem(at, "its SideOutput parameter has no name",
            "Annotate it @Side(\"name\"); operators read it with from = \"" + method.getName() + ".name\".");
        continue;
      }
      if (!NAME.matcher(side.value()).matches()) {
        problem(at, "side output name '" + side.value() + "' is not valid",
            "Use 1-64 letters, digits, '-' and '_', e.g. @Side(\"invalid\").");
        continue;
      }
      if (!names.add(side.value())) {
        problem(at, "declares two side outputs named '" + side.value() + "'", "Give each @Side a different name.");
        continue;
      }
      Class<?> type = recordType(parameter.getParameterizedType());
      if (type == null) {
        problem(at, "side output '" + side.value() + "' is " + parameter.getParameterizedType().getTypeName()
                + ", without the class of its records",
            "Declare it as SideOutput<MyRecord>, naming the record class it emits.");
        continue;
      }
      sides.add(new Declared(side.value(), type));
    }
    return sides;
  }

  private static Class<?> recordType(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element != Object.class) {
      return element;
    }
    return null;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
