package dev.runnel.functions.output;

import dev.runnel.functions.operators.MethodFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads one field of a record type: a record component accessor, a bean getter or a public field, resolved once.
 *
 * @param name   the field name
 * @param reader reads the field of a record ({@link MethodFunction})
 */
public record KeyField(String name, Function<Object, Object> reader) {
  private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

  /** Resolves {@code field} on {@code type}; fails when the type has no such component, getter or public field. */
  public static KeyField resolve(Class<?> type, String field) {
    try {
      Method accessor = accessor(type, field);
      if (accessor != null) {
        return new KeyField(field, MethodFunction.accessor(accessor, lookup(accessor)));
      }
      Field publicField = type.getField(field);
      if (!Modifier.isStatic(publicField.getModifiers())) {
        return new KeyField(field,
            MethodFunction.ofHandle(MethodHandles.publicLookup().unreflectGetter(publicField).asType(OBJECT_TO_OBJECT)));
      }
    } catch (NoSuchFieldException | IllegalAccessException ignored) {
      // reported below
    }
    throw new IllegalStateException("type " + type.getName() + " has no readable field '" + field
        + "' (record component, getter or public field); it is named as a key in the plan");
  }

  /** The field's value on {@code record}; the accessor's exceptions pass through. */
  public Object valueOf(Object record) throws Throwable {
    return reader.apply(record);
  }

  private static Method accessor(Class<?> type, String field) {
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getName().equals(field)) {
          return component.getAccessor();
        }
      }
    }
    String suffix = field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
    for (String name : new String[] {"get" + suffix, "is" + suffix, field}) {
      try {
        Method m = type.getMethod(name);
        if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())) {
          return m;
        }
      } catch (NoSuchMethodException e) {
        // try the next naming convention
      }
    }
    return null;
  }

  private static MethodHandle lookup(Method method) throws IllegalAccessException {
    try {
      return MethodHandles.publicLookup().unreflect(method);
    } catch (IllegalAccessException notPublic) {
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method);
    }
  }
}
