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
 * Reads one field of a record type: a record component accessor, a bean getter or a public field, resolved once. The
 * name may be a path into nested records, {@code "address.city"}: each segment is read from the value of the one
 * before (its declared type resolves the next), and a null on the way reads as null.
 *
 * @param name   the field name, or dotted path
 * @param reader reads the field of a record ({@link MethodFunction})
 */
public record KeyField(String name, Function<Object, Object> reader) {
  private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

  /**
   * Resolves {@code field} (or a dotted path) on {@code type}; fails when a type on the way has no such component,
   * getter or public field.
   */
  public static KeyField resolve(Class<?> type, String field) {
    Class<?> owner = type;
    Function<Object, Object> reader = null;
    for (String segment : field.split("\\.", -1)) {
      Segment next = segment(owner, segment, field);
      Function<Object, Object> before = reader;
      reader = before == null ? next.reader() : record -> {
        Object value = before.apply(record);
        return value == null ? null : next.reader().apply(value);
      };
      owner = next.type();
    }
    return new KeyField(field, reader);
  }

  /** The declared type of the field (or path's last segment) on {@code type}; null when it has none. */
  public static Class<?> typeOf(Class<?> type, String field) {
    Class<?> owner = type;
    for (String segment : field.split("\\.", -1)) {
      Method accessor = segment.isEmpty() ? null : accessor(owner, segment);
      if (accessor != null) {
        owner = accessor.getReturnType();
      } else {
        try {
          owner = owner.getField(segment).getType();
        } catch (NoSuchFieldException e) {
          return null;
        }
      }
    }
    return owner;
  }

  private record Segment(Class<?> type, Function<Object, Object> reader) {}

  private static Segment segment(Class<?> type, String field, String path) {
    try {
      Method accessor = field.isEmpty() ? null : accessor(type, field);
      if (accessor != null) {
        return new Segment(accessor.getReturnType(), MethodFunction.accessor(accessor, lookup(accessor)));
      }
      Field publicField = type.getField(field);
      if (!Modifier.isStatic(publicField.getModifiers())) {
        return new Segment(publicField.getType(),
            MethodFunction.ofHandle(MethodHandles.publicLookup().unreflectGetter(publicField).asType(OBJECT_TO_OBJECT)));
      }
    } catch (NoSuchFieldException | IllegalAccessException ignored) {
      // reported below
    }
    throw new IllegalStateException("type " + type.getName() + " has no readable field '" + field
        + "' (record component, getter or public field)" + (field.equals(path) ? "" : ", in the path '" + path + "'")
        + "; it is named as a key in the plan");
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
