package dev.runnel.functions.windows;

import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.AggregateKind;

/**
 * Count, sum, min, max and average over one numeric field, with a {@link BuiltInAccumulator}. The sum of an integral
 * ({@code whole}) field is an exact {@code Long}; the other results are {@code Double}s, the count a {@code Long}.
 *
 * @param kind  the aggregation
 * @param field the field read, null for COUNT
 * @param whole true when the field is integral (byte, short, int, long or their boxes)
 */
public record BuiltInContents(AggregateKind kind, KeyField field, boolean whole) implements PaneContents {
  private static final java.util.Set<Class<?>> INTEGRAL = java.util.Set.of(byte.class, short.class, int.class,
      long.class, Byte.class, Short.class, Integer.class, Long.class);

  /** Over a field whose sum is a Double (or COUNT). */
  public BuiltInContents(AggregateKind kind, KeyField field) {
    this(kind, field, false);
  }

  /** True for the field types whose sum is kept exactly, as a long. */
  public static boolean integral(Class<?> fieldType) {
    return INTEGRAL.contains(fieldType);
  }

  @Override
  public Object create() {
    return BuiltInAccumulator.EMPTY;
  }

  @Override
  public Object add(Object contents, Object record) throws Throwable {
    BuiltInAccumulator acc = (BuiltInAccumulator) contents;
    if (kind == AggregateKind.COUNT) {
      return acc.plus(0).keptFor(kind);
    }
    Object read = field.valueOf(record);
    if (!(read instanceof Number number)) {
      throw new IllegalArgumentException("field '" + field.name() + "' is " + (read == null ? "null" : "not a number")
          + ", so it cannot be aggregated (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (whole && kind == AggregateKind.SUM) {
      try {
        return acc.plusWhole(number.longValue()).keptFor(kind);
      } catch (ArithmeticException overflow) {
        throw new ArithmeticException("the sum of field '" + field.name() + "' overflows a long: sum a smaller unit,"
            + " or aggregate with an AggregateFunction");
      }
    }
    return acc.plus(number.doubleValue()).keptFor(kind);
  }

  @Override
  public Object merge(Object earlier, Object later) {
    return ((BuiltInAccumulator) earlier).merge((BuiltInAccumulator) later).keptFor(kind);
  }

  @Override
  public Object result(Object contents) {
    BuiltInAccumulator acc = (BuiltInAccumulator) contents;
    return switch (kind) {
      case COUNT -> acc.count();
      case SUM -> whole ? (Object) acc.exactOrSum() : (Object) acc.sum();
      case MIN -> acc.min();
      case MAX -> acc.max();
      case AVERAGE -> acc.count() == 0 ? 0.0 : acc.sum() / acc.count();
      case FUNCTION -> throw new IllegalStateException("a function aggregate is not built in");
    };
  }
}
