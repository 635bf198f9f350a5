package dev.runnel.functions.windows;

import java.util.UUID;
import java.util.function.Function;

/**
 * Reads a key back from its text (the partition key, {@code String.valueOf} of the key-by field) as the field's type,
 * for a window method taking {@code KeyedWindow<K, V>}. The planner allows only the types read here
 * ({@code planner/TypedKeys}).
 */
public final class WindowKeys {
  private WindowKeys() {}

  /** The reader of keys of {@code type} (primitive or boxed); fails for a type whose text does not read back. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Function<String, Object> reader(Class<?> type) {
    if (type.isEnum()) {
      Class<? extends Enum> enumType = (Class<? extends Enum>) type;
      return text -> Enum.valueOf(enumType, text);
    }
    return switch (type.getName()) {
      case "java.lang.String" -> text -> text;
      case "long", "java.lang.Long" -> Long::valueOf;
      case "int", "java.lang.Integer" -> Integer::valueOf;
      case "short", "java.lang.Short" -> Short::valueOf;
      case "byte", "java.lang.Byte" -> Byte::valueOf;
      case "boolean", "java.lang.Boolean" -> Boolean::valueOf;
      case "char", "java.lang.Character" -> text -> text.charAt(0);
      case "double", "java.lang.Double" -> Double::valueOf;
      case "float", "java.lang.Float" -> Float::valueOf;
      case "java.util.UUID" -> UUID::fromString;
      default -> throw new IllegalStateException("a window key of type " + type.getName() + " cannot be read back from"
          + " its text; plan the job again (the planner refuses such a KeyedWindow)");
    };
  }
}
