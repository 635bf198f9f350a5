package dev.runnel.planner;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** The fields of a record type that a key or sink can name: record components, or bean getters of a class. */
final class RecordFields {
  private RecordFields() {}

  /** True when the type has a readable field of this name. */
  static boolean has(Class<?> type, String field) {
    return names(type).contains(field);
  }

  /** The readable field names of the type, in declaration order for records. */
  static List<String> names(Class<?> type) {
    List<String> names = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        names.add(component.getName());
      }
      return names;
    }
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
          || method.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = method.getName();
      if (name.startsWith("get") && name.length() > 3) {
        names.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
      } else if (name.startsWith("is") && name.length() > 2
          && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
        names.add(Character.toLowerCase(name.charAt(2)) + name.substring(3));
      }
    }
    names.sort(null);
    return names;
  }
}
