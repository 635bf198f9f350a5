package dev.runnel.planner;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The type arguments a class gives a generic interface, through its superclasses and superinterfaces. */
final class TypeArguments {
  private TypeArguments() {}

  /**
   * The arguments {@code type} gives {@code generic}, e.g. {@code [Long, SumCount, Double]} for a class implementing
   * {@code AggregateFunction<Long, SumCount, Double>}, directly or through a generic superclass; null when it does
   * not implement it with type arguments (raw). An argument left open by the class is a type variable.
   */
  static List<Type> of(Class<?> type, Class<?> generic) {
    return find(type, Map.of(), generic);
  }

  private static List<Type> find(Class<?> type, Map<TypeVariable<?>, Type> bindings, Class<?> generic) {
    List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    for (Type supertype : supertypes) {
      Class<?> raw;
      Map<TypeVariable<?>, Type> inner = new HashMap<>();
      if (supertype instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
        raw = c;
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = parameterized.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
          inner.put(variables[i], arguments[i] instanceof TypeVariable<?> v && bindings.containsKey(v)
              ? bindings.get(v) : arguments[i]);
        }
        if (raw == generic) {
          return Arrays.stream(variables).map(inner::get).toList();
        }
      } else if (supertype instanceof Class<?> c) {
        raw = c;
        if (raw == generic) {
          return null;
        }
      } else {
        continue;
      }
      List<Type> found = find(raw, inner, generic);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The class of a type: itself, or a parameterized type's raw class; null for variables and wildcards. */
  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }
}
