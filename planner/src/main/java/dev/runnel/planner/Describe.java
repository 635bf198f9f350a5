package dev.runnel.planner;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How the planner names classes and methods in its messages: short, as a reader of the job's source sees them. */
final class Describe {
  private Describe() {}

  /** {@code OrderRouting.route(Order)}. */
  static String method(Method method) {
    return type(method.getDeclaringClass()) + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Describe::type).collect(Collectors.joining(", ")) + ")";
  }

  /** {@code OrderRouting.Order}: the simple name, with enclosing classes. */
  static String type(Class<?> type) {
    if (type.isArray()) {
      return type(type.getComponentType()) + "[]";
    }
    Class<?> enclosing = type.getEnclosingClass();
    return enclosing == null ? type.getSimpleName() : type(enclosing) + "." + type.getSimpleName();
  }
}
