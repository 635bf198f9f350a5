package dev.runnel.planner;

import java.util.Set;
import java.util.UUID;

/**
 * The key types a {@code KeyedWindow<K, V>} can have: those whose text (the partition key, {@code String.valueOf})
 * reads back as the same value. The runtime's reader of them is {@code functions/windows/WindowKeys}.
 */
final class TypedKeys {
  private static final Set<Class<?>> TEXTUAL = Set.of(String.class, Long.class, Integer.class, Short.class,
      Byte.class, Boolean.class, Character.class, Double.class, Float.class, UUID.class);

  private TypedKeys() {}

  /** True when a key of this (boxed) type reads back from its text. */
  static boolean supported(Class<?> boxed) {
    return TEXTUAL.contains(boxed) || boxed.isEnum();
  }

  /** The type's box for a primitive, the type itself otherwise. */
  static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "long" -> Long.class;
      case "int" -> Integer.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "boolean" -> Boolean.class;
      case "char" -> Character.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      default -> Void.class;
    };
  }
}
