package dev.runnel.planner;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a record type that a key or sink can name: record components, or bean getters of a class. A name may
 * be a path into nested records, {@code "address.city"}: each segment is a field of the type of the one before.
 */
final class RecordFields {
  private RecordFields() {}

  /**
   * True when the type is one whose fields a key or sink can name: a record or a bean of the job's own, not a
   * primitive, array, enum or JDK type (a String's "fields" would be its getters, such as {@code bytes}).
   */
  static boolean hasNamedFields(Class<?> type) {
    String name = type.getName();
    return !type.isPrimitive() && !type.isArray() && !type.isEnum()
        && !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk."));
  }

  /** True when the type has a readable field of this name (or path). */
  static boolean has(Class<?> type, String field) {
    return field.indexOf('.') < 0 ? names(type).contains(field) : genericType(type, field) != null;
  }

  /** The type of the named field (record component, or bean getter's return type), or null when there is none. */
  static Class<?> type(Class<?> type, String field) {
    java.lang.reflect.Type generic = genericType(type, field);
    if (generic instanceof Class<?> c) {
      return c;
    }
    if (generic instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** The generic type of the named field (or path), or null when there is none. */
  static java.lang.reflect.Type genericType(Class<?> type, String field) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      return ownGenericType(type, field);
    }
    Class<?> head = type(type, field.substring(0, dot));
    return head == null || !hasNamedFields(head) ? null : genericType(head, field.substring(dot + 1));
  }

  /**
   * Where the path {@code field} stops resolving: the longest prefix that resolves (empty for none), the type it has
   * (or {@code type}) and the segment after it that names no field of that type; null when the whole path resolves.
   */
  static Miss miss(Class<?> type, String field) {
    String resolved = "";
    Class<?> owner = type;
    for (String segment : field.split("\\.", -1)) {
      Class<?> next = hasNamedFields(owner) ? type(owner, segment) : null;
      if (next == null) {
        return new Miss(resolved, owner, segment);
      }
      resolved = resolved.isEmpty() ? segment : resolved + "." + segment;
      owner = next;
    }
    return null;
  }

  /**
   * The part of a field path that names no field.
   *
   * @param resolved the segments before it that resolve, joined with dots; empty when the first segment is wrong
   * @param owner    the type that has no such field
   * @param segment  the segment naming no field of {@code owner}
   */
  record Miss(String resolved, Class<?> owner, String segment) {}

  private static java.lang.reflect.Type ownGenericType(Class<?> type, String field) {
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getName().equals(field)) {
          return component.getGenericType();
        }
      }
      return null;
    }
    if (field.isEmpty()) {
      return null;
    }
    String capitalized = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
          && method.getDeclaringClass() != Object.class
          && (method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized)
              && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class))) {
        return method.getGenericReturnType();
      }
    }
    return null;
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
