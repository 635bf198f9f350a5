package dev.runnel.functions.windows;

import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.AggregateKind;

/** Count, sum, min, max and average over one numeric field, with a {@link BuiltInAccumulator}. */
public record BuiltInContents(AggregateKind kind, KeyField field) implements PaneContents {

  @Override
  public Object create() {
    return BuiltInAccumulator.EMPTY;
  }

  @Override
  public Object add(Object contents, Object record) throws Throwable {
    double value = 0;
    if (kind != AggregateKind.COUNT) {
      Object read = field.valueOf(record);
      if (!(read instanceof Number number)) {
        throw new IllegalArgumentException("field '" + field.name() + "' is " + (read == null ? "null" : "not a number")
            + ", so it cannot be aggregated (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      value = number.doubleValue();
    }
    return ((BuiltInAccumulator) contents).plus(value).keptFor(kind);
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
      case SUM -> acc.sum();
      case MIN -> acc.min();
      case MAX -> acc.max();
      case AVERAGE -> acc.count() == 0 ? 0.0 : acc.sum() / acc.count();
      case FUNCTION -> throw new IllegalStateException("a function aggregate is not built in");
    };
  }
}
