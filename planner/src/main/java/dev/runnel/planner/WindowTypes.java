package dev.runnel.planner;

import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.AggregateSpec;
import java.util.List;
import java.util.Set;

/**
 * Checks a window against the records it reads, once its input is known: the element type of a full window, the
 * numeric field of a built-in aggregate, the input type of an aggregate function.
 */
final class WindowTypes {
  /** The integral field types, whose SUM is a Long. */
  private static final Set<Class<?>> INTEGRAL_TYPES = Set.of(byte.class, short.class, int.class, long.class,
      Byte.class, Short.class, Integer.class, Long.class);
  /** The numeric field types a built-in aggregate reads. */
  private static final Set<Class<?>> NUMERIC_TYPES = Set.of(byte.class, short.class, int.class, long.class,
      float.class, double.class, Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);

  private final List<JobProblem> problems;

  WindowTypes(List<JobProblem> problems) {
    this.problems = problems;
  }

  /** Checks the window operator reading the input node. */
  void check(OperatorNode window, JobNode input) {
    Class<?> records = input.outputType();
    String at = window.where();
    if (records == void.class) {
      problem(at, "reads '" + input.name() + "', which emits nothing", "Read a node that emits records.");
      return;
    }
    WindowDeclaration declaration = window.window();
    AggregateSpec aggregate = declaration.spec().aggregate();
    if (declaration.fullWindow()) {
      if (!window.inputType().isAssignableFrom(records)) {
        problem(at, "its parameter is Windowed<List<" + Describe.type(window.inputType()) + ">>, but it reads '"
                + input.name() + "', which emits " + Describe.type(records),
            "Change the parameter to Windowed<List<" + Describe.type(records) + ">>, or read a node emitting "
                + Describe.type(window.inputType()) + ".");
      }
    } else if (aggregate.kind() == AggregateKind.FUNCTION) {
      if (!declaration.functionTypes().isEmpty() && !window.inputType().isAssignableFrom(records)) {
        String function = Describe.type(declaration.function());
        problem(at, "its aggregate function " + function + " adds " + Describe.type(window.inputType())
                + ", but the window reads '" + input.name() + "', which emits " + Describe.type(records),
            "Make " + function + " an AggregateFunction<" + Describe.type(records) + ", A, O>, or read a node"
                + " emitting " + Describe.type(window.inputType()) + ".");
      }
    } else if (aggregate.field() != null) {
      Class<?> type = RecordFields.type(records, aggregate.field());
      List<String> numeric = RecordFields.names(records).stream()
          .filter(f -> NUMERIC_TYPES.contains(RecordFields.type(records, f))).toList();
      String choose = numeric.isEmpty() ? Describe.type(records) + " has no numeric field: aggregate another node's"
          + " records, or use an AggregateFunction." : "Use one of its numeric fields: " + numeric + ".";
      if (type == null) {
        problem(at, "@Aggregate(field = \"" + aggregate.field() + "\") names no field of " + Describe.type(records)
            + ", the records it reads from '" + input.name() + "'", choose);
      } else if (!NUMERIC_TYPES.contains(type)) {
        problem(at, "@Aggregate(field = \"" + aggregate.field() + "\") is a " + Describe.type(type) + " field of "
            + Describe.type(records) + ", not a number", choose);
      } else if (aggregate.kind() == AggregateKind.SUM) {
        Class<?> sum = INTEGRAL_TYPES.contains(type) ? Long.class : Double.class;
        if (declaration.value() != sum && (declaration.value() == Long.class || declaration.value() == Double.class)) {
          problem(at, "@Aggregate(kind = SUM, field = \"" + aggregate.field() + "\") sums " + ("aeiou".indexOf(Describe.type(type).charAt(0)) >= 0 ? "an " : "a ") + Describe.type(type)
                  + " field into " + (sum == Long.class ? "an exact Long" : "a Double") + ", but the parameter is Windowed<"
                  + Describe.type((Class<?>) declaration.value()) + ">",
              "Change the parameter to Windowed<" + sum.getSimpleName() + ">.");
        }
      }
    }
  }

  /**
   * Checks the key type {@code K} of a window taking {@code KeyedWindow<K, V>} against the field its records are keyed
   * by: the {@code @KeyBy} of {@code keyed}, the nearest keyed node upstream of it.
   */
  void checkKey(OperatorNode window, JobNode keyed) {
    java.lang.reflect.Type declared = window.window().key();
    Class<?> field = RecordFields.type(keyed.outputType(), keyed.keyField());
    if (declared == null || field == null) {
      return; // a Windowed<V> window, or a key field reported already
    }
    Class<?> boxed = TypedKeys.boxed(field);
    String fieldName = Describe.type(field);
    String declaredName = declared instanceof Class<?> c ? Describe.type(c) : declared.getTypeName();
    if (!TypedKeys.supported(boxed)) {
      problem(window.where(), "takes KeyedWindow<" + declaredName + ", ...>, but its records are keyed by '"
              + keyed.keyField() + "', a " + fieldName + ": a typed key is read back from the key's text, which only"
              + " String, numbers, booleans, chars, enums and UUIDs can be",
          "Key by a field of one of those types, or take Windowed<V> and read key() as text.");
    } else if (declared != boxed) {
      problem(window.where(), "takes KeyedWindow<" + declaredName + ", ...>, but its records are keyed by '"
              + keyed.keyField() + "' of '" + keyed.name() + "', a " + fieldName,
          "Change the parameter to KeyedWindow<" + Describe.type(boxed) + ", ...>.");
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
