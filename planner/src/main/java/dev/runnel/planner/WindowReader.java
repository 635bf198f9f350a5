package dev.runnel.planner;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Window;
import dev.runnel.api.KeyedWindow;
import dev.runnel.api.Windowed;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.AggregateSpec;
import dev.runnel.plan.FiringMode;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import dev.runnel.plan.WindowTime;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code @Window} method: its window shape and lengths, lateness and late node, and its {@code @Aggregate}
 * checked against its {@code Windowed<V>} parameter. The checks against the records it reads are {@link WindowTypes}'.
 */
final class WindowReader {
  /** The names a late node can have, as any node. */
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");

  private final List<JobProblem> problems;
  private final Durations durations;
  private final OutputReader outputs;
  private final EmittedTypes emitted;

  WindowReader(List<JobProblem> problems) {
    this.problems = problems;
    this.durations = new Durations(problems);
    this.outputs = new OutputReader(problems);
    this.emitted = new EmittedTypes(problems);
  }

  /**
   * A {@code @Window} method: {@code R name(Windowed<V> window)}, with its windows, aggregate and late node; null
   * (with problems) when it is not usable.
   */
  OperatorNode read(Method method, Window window, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    int before = problems.size();
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
    }
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length != 1 || parameters[0] != Windowed.class && parameters[0] != KeyedWindow.class) {
      problem(at, "a @Window method takes one parameter, the Windowed<V> result of one window (or a KeyedWindow<K, V>),"
              + " but this one takes "
              + (parameters.length == 1 ? "a " + Describe.type(parameters[0]) : parameters.length + " parameters"),
          "Change the signature to R name(Windowed<V> window), V being List<T> of the window's records or the"
              + " @Aggregate's result (KeyedWindow<K, V> for the key typed K).");
      return null;
    }
    boolean keyed = parameters[0] == KeyedWindow.class;
    if (!(method.getGenericParameterTypes()[0] instanceof ParameterizedType windowed)) {
      problem(at, "its parameter is a raw " + parameters[0].getSimpleName(), "Give the " + (keyed ? "key and " : "")
          + "value type: " + (keyed ? "KeyedWindow<String, List<T>>" : "Windowed<List<T>>") + " for all the window's"
          + " records, or e.g. " + (keyed ? "KeyedWindow<String, Long>" : "Windowed<Long>")
          + " with @Aggregate(kind = COUNT).");
      return null;
    }
    Type value = windowed.getActualTypeArguments()[keyed ? 1 : 0];
    Type key = keyed ? windowed.getActualTypeArguments()[0] : null;
    Class<?> outputType = emitted.of(at, "a @Window", method);
    if (outputType == void.class) {
      problem(at, "a @Window returns what it emits for a window, but this one returns nothing",
          "Return R, Optional<R> or List<R>.");
    }
    WindowKind kind = windowKind(at, window);
    long[] lengths = windowLengths(at, window, kind);
    Long lateness = durations.millis(at, "@Window(lateness)", window.lateness(), false, "PT10S");
    checkClock(at, window, kind, lateness);
    Long earlyEvery = earlyEvery(at, window, kind, lateness);
    String late = window.late().isEmpty() ? null : window.late();
    if (late != null && !NODE_NAME.matcher(late).matches()) {
      problem(at, "late = \"" + late + "\" is not a valid node name",
          "Use letters, digits, '_', '.' and '-', starting with a letter, e.g. late = \"" + method.getName()
              + "Late\".");
    }
    Aggregate aggregate = method.getAnnotation(Aggregate.class);
    AggregateSpec aggregateSpec = null;
    Class<?> function = null;
    List<Type> functionTypes = List.of();
    Class<?> inputBound = Object.class;
    if (aggregate == null) {
      Class<?> element = listElement(value);
      if (element == null) {
        problem(at, "without @Aggregate a window passes all its records, so its parameter must be Windowed<List<T>>,"
                + " not Windowed<" + value.getTypeName() + ">",
            "Change the parameter to Windowed<List<T>> (T the type of the records it reads), or add @Aggregate to"
                + " aggregate the records as they arrive.");
      } else {
        inputBound = element;
      }
    } else if (aggregate.function() != AggregateFunction.class) {
      function = aggregate.function();
      functionTypes = aggregateFunction(at, aggregate, function, value, kind);
      if (!functionTypes.isEmpty() && TypeArguments.raw(functionTypes.get(0)) != null) {
        inputBound = TypeArguments.raw(functionTypes.get(0));
      }
      aggregateSpec = new AggregateSpec(AggregateKind.FUNCTION, null, function.getName());
    } else {
      aggregateSpec = builtInAggregate(at, aggregate, value);
    }
    String keyField = keyBy == null || outputType == null || outputType == void.class ? null
        : outputs.keyField(at, keyBy, outputType);
    List<SinkDeclaration> sinks = outputType == null || outputType == void.class ? List.of()
        : outputs.sinks(at, outputType, sinkAnnotations);
    if (problems.size() > before || kind == null) {
      return null;
    }
    WindowSpec spec = kind == WindowKind.COUNT
        ? WindowSpec.ofCount(window.count(), window.countSlide() == 0 ? null : window.countSlide(), aggregateSpec)
        : new WindowSpec(kind, lengths[0], lengths[1], lengths[2], lateness, late, aggregateSpec, null, null,
            window.time() == Window.Time.PROCESSING ? WindowTime.PROCESSING : null, earlyEvery,
            window.earlyCount() == 0 ? null : window.earlyCount(),
            window.firing() == Window.Firing.DISCARDING ? FiringMode.DISCARDING : null);
    return new OperatorNode(method.getName(), OperatorKind.WINDOW, OperatorNode.fromOne(window.from()), inputBound,
        outputType, keyField, keyBy == null ? 0 : keyBy.shards(), sinks, List.of(),
        new WindowDeclaration(spec, value, key, function, functionTypes), false, null, at);
  }

  /**
   * Tumbling (size), sliding (size and slide), session (gap) or count (count) windows; null with a problem for
   * anything else.
   */
  private WindowKind windowKind(String at, Window window) {
    boolean size = !window.size().isEmpty();
    boolean slide = !window.slide().isEmpty();
    boolean gap = !window.gap().isEmpty();
    if (window.count() != 0 || window.countSlide() != 0) {
      return countKind(at, window, size ? "size" : slide ? "slide" : gap ? "gap" : null);
    }
    if (gap && (size || slide)) {
      problem(at, "@Window sets gap together with " + (size ? "size" : "slide"),
          "Set gap alone for session windows, or size (and slide) alone for tumbling (sliding) windows.");
      return null;
    }
    if (gap) {
      return WindowKind.SESSION;
    }
    if (size) {
      return slide ? WindowKind.SLIDING : WindowKind.TUMBLING;
    }
    if (slide) {
      problem(at, "@Window sets slide but no size",
          "Set size too: @Window(size = \"PT1M\", slide = \"PT10S\") makes one-minute windows every 10 seconds.");
      return null;
    }
    problem(at, "@Window sets none of size, slide and gap",
        "Set size for tumbling windows (@Window(size = \"PT1M\")), size and slide for sliding windows, or gap for"
            + " session windows (@Window(gap = \"PT30M\")).");
    return null;
  }

  /** Count windows: a positive count, a countSlide below it, and none of the time windows' members. */
  private WindowKind countKind(String at, Window window, String timeMember) {
    int before = problems.size();
    if (timeMember != null) {
      problem(at, "@Window sets count together with " + timeMember,
          "Set count (and countSlide) alone for windows of a number of records, or " + timeMember
              + " alone for windows by time.");
    }
    if (window.count() <= 0) {
      problem(at, "@Window count = " + window.count() + (window.count() == 0 ? " with countSlide = "
              + window.countSlide() : "") + ": a count window holds a positive number of records",
          "Set count to the records per window, e.g. @Window(count = 100) or @Window(count = 100, countSlide = 10).");
    } else if (window.countSlide() < 0 || window.countSlide() >= window.count()) {
      problem(at, "@Window countSlide = " + window.countSlide() + " is not between 1 and count - 1 (count = "
              + window.count() + ")",
          window.countSlide() == window.count() ? "Remove countSlide: windows starting every count records tumble."
              : "Use a countSlide below the count (a new window every countSlide records), or remove it for"
                  + " tumbling count windows.");
    }
    if (window.time() != Window.Time.EVENT) {
      problem(at, "@Window sets time = " + window.time() + " on a count window, which follows no clock",
          "Remove time, or use size (and slide) for windows by " + window.time().name().toLowerCase() + " time.");
    }
    if (!window.lateness().equals("PT0S") || !window.late().isEmpty()) {
      problem(at, "@Window sets " + (window.late().isEmpty() ? "lateness" : "late") + " on a count window, but no"
              + " record is late for a count window",
          "Remove lateness and late: a count window fires when its last record arrives.");
    }
    return problems.size() > before ? null : WindowKind.COUNT;
  }

  /**
   * Processing-time windows: no lateness and no late node (no record is late for them), and tumbling or sliding;
   * sessions follow event time.
   */
  private void checkClock(String at, Window window, WindowKind kind, Long lateness) {
    if (window.time() != Window.Time.PROCESSING || kind == null || kind == WindowKind.COUNT) {
      return;
    }
    if (lateness != null && lateness != 0 || !window.late().isEmpty()) {
      problem(at, "@Window sets " + (window.late().isEmpty() ? "lateness" : "late") + " on a processing-time window,"
              + " but a record is never late for one: it joins the window holding its arrival time, or the next"
              + " one not fired yet",
          "Remove lateness and late, or use time = EVENT with @EventTime on the source.");
    }
    if (kind == WindowKind.SESSION) {
      problem(at, "@Window sets gap with time = PROCESSING: session windows follow event time",
          "Use size (and slide) for processing-time windows, or remove time for event-time sessions.");
    }
  }

  /**
   * Early firings and the firing mode: tumbling windows only, a positive {@code earlyCount}, an {@code earlyEvery} of
   * a second or more (rounds pin processing time by the second), and {@code DISCARDING} only where a window fires
   * more than once. Returns {@code earlyEvery} in milliseconds, or null.
   */
  private Long earlyEvery(String at, Window window, WindowKind kind, Long lateness) {
    boolean early = !window.earlyEvery().isEmpty() || window.earlyCount() != 0;
    String members = !window.earlyEvery().isEmpty() && window.earlyCount() != 0 ? "earlyEvery and earlyCount"
        : !window.earlyEvery().isEmpty() ? "earlyEvery" : "earlyCount";
    if (early && kind == WindowKind.COUNT) {
      problem(at, "@Window sets " + members + " on a count window, which fires as soon as it holds count records",
          "Remove " + members + ", or use a smaller count (with countSlide for overlapping windows).");
      return null;
    }
    if (early && kind != null && kind != WindowKind.TUMBLING) {
      problem(at, "@Window sets " + members + " on " + (kind == WindowKind.SESSION ? "session" : "sliding")
              + " windows; early firings are supported on tumbling windows only",
          "Remove " + members + ", or use tumbling windows (size alone).");
      return null;
    }
    if (window.earlyCount() < 0) {
      problem(at, "@Window earlyCount = " + window.earlyCount() + " is negative",
          "Set earlyCount to the records between early firings, e.g. earlyCount = 100, or remove it.");
    }
    if (window.firing() == Window.Firing.DISCARDING && !early && kind != WindowKind.COUNT
        && (lateness == null || lateness == 0)) {
      problem(at, "@Window sets firing = DISCARDING, but its windows fire once: no earlyEvery, earlyCount or"
              + " lateness", "Remove firing, or add early firings (earlyEvery = \"PT10S\") or a lateness.");
    }
    if (window.firing() == Window.Firing.DISCARDING && kind == WindowKind.COUNT) {
      problem(at, "@Window sets firing = DISCARDING on a count window, which fires once",
          "Remove firing.");
    }
    if (window.firing() == Window.Firing.DISCARDING && kind != null && kind != WindowKind.TUMBLING
        && kind != WindowKind.COUNT) {
      problem(at, "@Window sets firing = DISCARDING on " + (kind == WindowKind.SESSION ? "session" : "sliding")
          + " windows; discarding is supported on tumbling windows only", "Remove firing, or use tumbling windows.");
    }
    if (window.earlyEvery().isEmpty()) {
      return null;
    }
    Long every = durations.millis(at, "@Window(earlyEvery)", window.earlyEvery(), true, "PT10S");
    if (every != null && every < 1_000) {
      problem(at, "@Window earlyEvery = \"" + window.earlyEvery() + "\" is under a second; processing time moves in"
          + " firing rounds a second or more apart", "Use earlyEvery = \"PT1S\" or longer.");
    }
    return every;
  }

  /** {size, slide, gap} in milliseconds for the window kind; problems for bad durations and slides. */
  private long[] windowLengths(String at, Window window, WindowKind kind) {
    long[] lengths = new long[3];
    if (kind == WindowKind.SESSION) {
      Long gap = durations.millis(at, "@Window(gap)", window.gap(), true, "PT30M");
      lengths[2] = gap == null ? 0 : gap;
    } else if (kind != null && kind != WindowKind.COUNT) {
      Long size = durations.millis(at, "@Window(size)", window.size(), true, "PT1M");
      Long slide = kind == WindowKind.TUMBLING ? size
          : durations.millis(at, "@Window(slide)", window.slide(), true, "PT10S");
      if (kind == WindowKind.SLIDING && size != null && slide != null) {
        if (slide >= size) {
          problem(at, "@Window slide \"" + window.slide() + "\" is not shorter than its size \"" + window.size() + "\"",
              "Use a slide shorter than the size, or remove slide for tumbling (non-overlapping) windows.");
        } else if (size % slide != 0) {
          problem(at, "@Window size \"" + window.size() + "\" is not a whole multiple of its slide \"" + window.slide()
                  + "\"",
              "Use a slide that divides the size, so each record is in the same number of windows, e.g. size ="
                  + " \"PT1M\" with slide = \"PT10S\".");
        }
      }
      lengths[0] = size == null ? 0 : size;
      lengths[1] = slide == null ? 0 : slide;
    }
    return lengths;
  }

  /** COUNT, SUM, MIN, MAX or AVERAGE, checked against the window's value type; the field is checked with T later. */
  private AggregateSpec builtInAggregate(String at, Aggregate aggregate, Type value) {
    AggregateKind kind = AggregateKind.valueOf(aggregate.kind().name());
    String named = "@Aggregate(kind = " + aggregate.kind() + ")";
    if (kind == AggregateKind.COUNT) {
      if (!aggregate.field().isEmpty()) {
        problem(at, named + " counts records and takes no field, but sets field = \"" + aggregate.field() + "\"",
            "Remove field, or use kind = SUM, MIN, MAX or AVERAGE to aggregate the field.");
      }
      if (value != Long.class) {
        problem(at, named + " results in a Long count, but the parameter is Windowed<" + value.getTypeName() + ">",
            "Change the parameter to Windowed<Long>.");
      }
      return new AggregateSpec(kind, null, null);
    }
    if (aggregate.field().isEmpty()) {
      problem(at, named + " needs the numeric field it aggregates",
          "Name it: @Aggregate(kind = " + aggregate.kind() + ", field = \"amount\").");
    }
    if (kind == AggregateKind.SUM) {
      if (value != Long.class && value != Double.class) {
        problem(at, named + " results in a Long (the sum of an integral field) or a Double, but the parameter is"
            + " Windowed<" + value.getTypeName() + ">", "Change the parameter to Windowed<Long> for a sum of a long or"
            + " int field, Windowed<Double> for a sum of a double or float field.");
      }
    } else if (value != Double.class) {
      problem(at, named + " results in a Double, but the parameter is Windowed<" + value.getTypeName() + ">",
          "Change the parameter to Windowed<Double>.");
    }
    return new AggregateSpec(kind, aggregate.field().isEmpty() ? null : aggregate.field(), null);
  }

  /**
   * The {@code I, A, O} of a window's user aggregate function, empty with a problem when they cannot be told; checks
   * that it can be created, that its result is the window's value type and that it merges for sessions.
   */
  private List<Type> aggregateFunction(String at, Aggregate aggregate, Class<?> function, Type value, WindowKind kind) {
    String name = Describe.type(function);
    if (!aggregate.field().isEmpty()) {
      problem(at, "@Aggregate sets both a function and field = \"" + aggregate.field() + "\"",
          "Remove field: " + name + " reads the records itself.");
    }
    boolean constructible = !function.isInterface() && !Modifier.isAbstract(function.getModifiers())
        && Modifier.isPublic(function.getModifiers())
        && Arrays.stream(function.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    if (!constructible) {
      problem(at, "aggregate function " + name + " cannot be created by the runtime",
          "Make it a public concrete class with a public no-argument constructor.");
    }
    if (kind == WindowKind.SESSION && !overridesMerge(function)) {
      problem(at, "session windows merge when a record joins two sessions, but " + name + " does not implement merge",
          "Implement merge(A left, A right) in " + name + ", combining two accumulators, or use tumbling or sliding"
              + " windows.");
    }
    List<Type> types = TypeArguments.of(function, AggregateFunction.class);
    if (types == null || !types.stream().allMatch(StateParameters::concrete)) {
      problem(at, "cannot tell the input, accumulator and result types of " + name,
          "Implement AggregateFunction<I, A, O> with concrete types, e.g. AggregateFunction<Click, SumCount, Double>.");
      return List.of();
    }
    if (!types.get(2).getTypeName().equals(value.getTypeName())) {
      problem(at, "its parameter is Windowed<" + value.getTypeName() + ">, but " + name + " results in "
              + types.get(2).getTypeName(),
          "Change the parameter to Windowed<" + types.get(2).getTypeName() + ">.");
    }
    return types;
  }

  /** True when the function (or a superclass) implements merge rather than inheriting the refusing default. */
  private static boolean overridesMerge(Class<?> function) {
    try {
      return function.getMethod("merge", Object.class, Object.class).getDeclaringClass() != AggregateFunction.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** T of a {@code List<T>}, or null when the type is not a list of a class. */
  private static Class<?> listElement(Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return null;
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
