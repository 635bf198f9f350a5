package dev.runnel.planner;

import dev.runnel.api.Aggregate;
import dev.runnel.api.AggregateFunction;
import dev.runnel.api.Codec;
import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Map;
import dev.runnel.api.OnTimer;
import dev.runnel.api.Process;
import dev.runnel.api.Reduce;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import dev.runnel.plan.AggregateKind;
import dev.runnel.plan.AggregateSpec;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Reads a job class's annotations into {@link JobNode}s and checks each declaration on its own: signatures, names,
 * key fields, sink settings, event time, window lengths and aggregates, and which {@code @OnTimer} method handles
 * which operator's timers. It reflects on declarations only and never runs user code. Wiring the nodes together,
 * and the checks that need a window's input type, are {@link JobWiring}'s job.
 */
final class JobReader {
  static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,128}");
  static final int MAX_SHARDS = 500;
  static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");
  /** The field types an event time can be read from: epoch milliseconds or an ISO-8601 instant. */
  static final Set<Class<?>> EVENT_TIME_TYPES = Set.of(long.class, int.class, Long.class, Integer.class,
      Instant.class, String.class);
  /** The numeric field types a built-in aggregate reads. */
  static final Set<Class<?>> NUMERIC_TYPES = Set.of(byte.class, short.class, int.class, long.class, float.class,
      double.class, Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);
  private static final List<Class<? extends Annotation>> OPERATOR_ANNOTATIONS = List.of(Filter.class, Map.class,
      FlatMap.class, Process.class, Reduce.class, Window.class);

  private final Class<?> jobClass;
  private final String where;
  private final List<JobProblem> problems = new ArrayList<>();
  private final Durations durations = new Durations(problems);

  JobReader(Class<?> jobClass) {
    this.jobClass = jobClass;
    this.where = Describe.type(jobClass);
  }

  /** The problems found so far. */
  List<JobProblem> problems() {
    return problems;
  }

  /** The job's name, or null (with a problem) when the class is not a usable job class. */
  String jobName() {
    StreamingJob job = jobClass.getAnnotation(StreamingJob.class);
    if (job == null) {
      problem(where, "is not annotated @StreamingJob", "Add @StreamingJob(\"job-name\") to the class.");
      return null;
    }
    if (!JOB_NAME.matcher(job.value()).matches()) {
      problem(where, "job name '" + job.value() + "' is not valid",
          "Use 1-40 lower-case letters, digits and '-', starting with a letter, e.g. @StreamingJob(\"orders\").");
    }
    int modifiers = jobClass.getModifiers();
    if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || jobClass.isInterface()
        || (jobClass.getEnclosingClass() != null && !Modifier.isStatic(modifiers))) {
      problem(where, "the runtime cannot create an instance of the job class",
          "Make it a public, concrete, top-level or static nested class.");
    } else if (Arrays.stream(jobClass.getConstructors()).noneMatch(c -> c.getParameterCount() == 0)) {
      problem(where, "has no public no-argument constructor", "Add one; the runtime creates the job with it.");
    }
    return job.value();
  }

  /**
   * The {@code @StreamingJob(tick)} period in seconds: whole minutes, at least one, since that is what an EventBridge
   * rate schedule can express. Call after {@link #jobName()} returned a name.
   */
  long tickSeconds() {
    String tick = jobClass.getAnnotation(StreamingJob.class).tick();
    Duration duration;
    try {
      duration = Duration.parse(tick);
    } catch (DateTimeParseException e) {
      problem(where, "tick \"" + tick + "\" is not an ISO-8601 duration",
          "Write it as e.g. @StreamingJob(value = \"...\", tick = \"PT5M\") for every five minutes.");
      return 60;
    }
    if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
      problem(where, "tick \"" + tick + "\" is shorter than a minute",
          "Use at least \"PT1M\": EventBridge schedules wake a stage at most once a minute.");
      return 60;
    }
    if (duration.getNano() != 0 || duration.getSeconds() % 60 != 0) {
      problem(where, "tick \"" + tick + "\" is not a whole number of minutes",
          "Use whole minutes, e.g. \"PT1M\" or \"PT5M\": EventBridge rate schedules count in minutes.");
      return 60;
    }
    return duration.getSeconds();
  }

  /** The {@code @Source} records nested in the job class, in stream-name order. */
  List<SourceNode> sources() {
    List<SourceNode> sources = new ArrayList<>();
    Class<?>[] nested = jobClass.getDeclaredClasses();
    Arrays.sort(nested, Comparator.comparing(Class::getName));
    for (Class<?> type : nested) {
      Source source = type.getAnnotation(Source.class);
      EventTime eventTime = type.getAnnotation(EventTime.class);
      if (source == null) {
        if (eventTime != null) {
          problem(Describe.type(type), "has @EventTime but is not a @Source",
              "Put @EventTime on the @Source record type whose records carry the time, or make this one a @Source:"
                  + " event time enters a job at its sources.");
        }
        continue;
      }
      String at = Describe.type(type);
      checkStreamName(at, "source stream", source.stream());
      checkShards(at, "@Source(shards)", source.shards());
      if (!Modifier.isPublic(type.getModifiers())) {
        problem(at, "the source record type is not public", "Make it public so the runtime can decode into it.");
      }
      KeyBy keyBy = type.getAnnotation(KeyBy.class);
      String keyField = keyBy == null ? null : checkedKeyField(at, keyBy, type);
      sources.add(new SourceNode(source.stream(), type, source.shards(), codecName(at, source.codec()), keyField,
          keyBy == null ? 0 : keyBy.shards(), sinks(at, type), eventTime == null ? null : eventTime(at, eventTime, type),
          at));
    }
    sources.sort(Comparator.comparing(SourceNode::name));
    if (sources.isEmpty()) {
      problem(where, "declares no source",
          "Nest a record annotated @Source(stream = \"...\") in the job class; it is the type of the input records.");
    }
    return sources;
  }

  /** The event time a source's {@code @EventTime} declares, or null (with problems) when it is not usable. */
  private EventTimeSpec eventTime(String at, EventTime eventTime, Class<?> type) {
    int before = problems.size();
    Class<?> fieldType = RecordFields.type(type, eventTime.field());
    if (fieldType == null) {
      problem(at, "@EventTime(field = \"" + eventTime.field() + "\") names no field of " + Describe.type(type),
          "Name the field holding each record's time, one of: " + RecordFields.names(type) + ".");
    } else if (!EVENT_TIME_TYPES.contains(fieldType)) {
      problem(at, "@EventTime field '" + eventTime.field() + "' is a " + Describe.type(fieldType)
              + ", which Runnel cannot read a time from",
          "Make it epoch milliseconds (long, int, Long or Integer) or an ISO-8601 instant (java.time.Instant, or a"
              + " String such as \"2026-11-21T10:15:30Z\").");
    }
    Long outOfOrderness = durations.millis(at, "@EventTime(maxOutOfOrderness)", eventTime.maxOutOfOrderness(),
        false, "PT5S");
    Long idleAfter = eventTime.idleAfter().isEmpty() ? Long.valueOf(0)
        : durations.millis(at, "@EventTime(idleAfter)", eventTime.idleAfter(), true, "PT1M");
    if (problems.size() > before) {
      return null;
    }
    return new EventTimeSpec(eventTime.field(), outOfOrderness, idleAfter);
  }

  /** The operator methods of the job class, in name order. */
  List<OperatorNode> operators() {
    List<OperatorNode> operators = new ArrayList<>();
    Method[] methods = jobClass.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Describe::method));
    List<Method> timerHandlers = new ArrayList<>();
    for (Method method : methods) {
      if (method.isSynthetic() || method.isBridge()) {
        continue;
      }
      if (method.isAnnotationPresent(OnTimer.class) && operatorAnnotations(method).isEmpty()) {
        timerHandlers.add(method);
        continue;
      }
      OperatorNode operator = operator(method);
      if (operator != null) {
        operators.add(operator);
      }
    }
    return linkTimerHandlers(operators, timerHandlers);
  }

  private static List<Annotation> operatorAnnotations(Method method) {
    List<Annotation> annotations = new ArrayList<>();
    for (Class<? extends Annotation> kind : OPERATOR_ANNOTATIONS) {
      Annotation annotation = method.getAnnotation(kind);
      if (annotation != null) {
        annotations.add(annotation);
      }
    }
    return annotations;
  }

  private OperatorNode operator(Method method) {
    String at = Describe.method(method);
    List<Annotation> kinds = operatorAnnotations(method);
    KeyBy keyBy = method.getAnnotation(KeyBy.class);
    Sink[] sinkAnnotations = method.getAnnotationsByType(Sink.class);
    boolean aggregate = method.isAnnotationPresent(Aggregate.class);
    if (kinds.isEmpty()) {
      if (keyBy != null || sinkAnnotations.length > 0) {
        problem(at, "has @KeyBy or @Sink but is not an operator",
            "Add @Map, @Filter, @FlatMap, @Process, @Reduce or @Window to the method, or remove @KeyBy and @Sink"
                + " from it.");
      }
      if (aggregate) {
        problem(at, "has @Aggregate but is not a @Window method",
            "Add @Window(size = \"PT1M\") (or slide, or gap) to it, or remove @Aggregate.");
      }
      return null;
    }
    if (kinds.size() > 1) {
      problem(at, "has more than one of @Filter, @Map, @FlatMap, @Process, @Reduce and @Window",
          "Keep one; split the work into two methods.");
      return null;
    }
    if (method.isAnnotationPresent(OnTimer.class)) {
      problem(at, "is both an operator and an @OnTimer method",
          "Handle the timers in a method of its own: @OnTimer(\"operator\") R name(Timer timer, ...).");
      return null;
    }
    Annotation annotation = kinds.get(0);
    OperatorKind kind = kindOf(annotation);
    String from = fromOf(annotation);
    if (kind == OperatorKind.WINDOW) {
      return window(method, (Window) annotation, keyBy, sinkAnnotations, at);
    }
    if (aggregate) {
      problem(at, "has @Aggregate, which only a @Window method takes",
          "Remove @Aggregate; for a running aggregate in a @Process, use an AggregatingState.");
    }
    boolean ok = true;
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
      ok = false;
    }
    int expectedParameters = kind == OperatorKind.REDUCE ? 2 : 1;
    boolean arityOk = kind == OperatorKind.PROCESS ? method.getParameterCount() >= 1
        : method.getParameterCount() == expectedParameters;
    if (!arityOk) {
      problem(at, kind == OperatorKind.REDUCE
              ? "a @Reduce takes two parameters, the reduced value and the next record, but this one takes "
                  + method.getParameterCount()
              : "an operator takes exactly one parameter, the record" + (kind == OperatorKind.PROCESS
                  ? ", then state handles" : "") + ", but this one takes " + method.getParameterCount(),
          kind == OperatorKind.REDUCE ? "Change the signature to T name(T accumulated, T next)."
              : "Change the signature to take one record.");
      return null;
    }
    Class<?> inputType = method.getParameterTypes()[0];
    if (inputType.isPrimitive()) {
      problem(at, "its parameter is the primitive " + inputType, "Take a record type.");
      ok = false;
    }
    Class<?> outputType = outputType(at, kind, method);
    if (outputType == null || !ok) {
      return null;
    }
    List<StateDeclaration> states = List.of();
    boolean takesTimers = false;
    StateParameters stateParameters = new StateParameters(problems);
    if (kind == OperatorKind.PROCESS) {
      StateParameters.Handles handles = stateParameters.read(method, at);
      states = handles.states();
      takesTimers = handles.timers();
    } else if (kind == OperatorKind.REDUCE) {
      states = List.of(stateParameters.reduced(inputType, ((Reduce) annotation).ttl(), at));
    }
    if (outputType == void.class && (keyBy != null || sinkAnnotations.length > 0)) {
      problem(at, "returns nothing, so it has no output for @KeyBy or @Sink",
          "Return the record to emit, or remove @KeyBy and @Sink.");
    }
    String keyField = keyBy == null ? null : checkedKeyField(at, keyBy, outputType);
    return new OperatorNode(method.getName(), kind, from, inputType, outputType, keyField,
        keyBy == null ? 0 : keyBy.shards(), sinks(at, outputType, sinkAnnotations), states, null, takesTimers, null,
        at);
  }

  /** A {@code @Window} method: {@code R name(Windowed<V> window)}, with its windows, aggregate and late node. */
  private OperatorNode window(Method method, Window window, KeyBy keyBy, Sink[] sinkAnnotations, String at) {
    int before = problems.size();
    if (!Modifier.isPublic(method.getModifiers())) {
      problem(at, "operator method is not public", "Make it public so the runtime can call it.");
    }
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length != 1 || parameters[0] != Windowed.class) {
      problem(at, "a @Window method takes one parameter, the Windowed<V> result of one window, but this one takes "
              + (parameters.length == 1 ? "a " + Describe.type(parameters[0]) : parameters.length + " parameters"),
          "Change the signature to R name(Windowed<V> window), V being List<T> of the window's records or the"
              + " @Aggregate's result.");
      return null;
    }
    if (!(method.getGenericParameterTypes()[0] instanceof ParameterizedType windowed)) {
      problem(at, "its parameter is a raw Windowed", "Give the value type: Windowed<List<T>> for all the window's"
          + " records, or e.g. Windowed<Long> with @Aggregate(kind = COUNT).");
      return null;
    }
    Type value = windowed.getActualTypeArguments()[0];
    Class<?> outputType = emitted(at, "a @Window", method);
    if (outputType == void.class) {
      problem(at, "a @Window returns what it emits for a window, but this one returns nothing",
          "Return R, Optional<R> or List<R>.");
    }
    WindowKind kind = windowKind(at, window);
    long[] lengths = windowLengths(at, window, kind);
    Long lateness = durations.millis(at, "@Window(lateness)", window.lateness(), false, "PT10S");
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
        : checkedKeyField(at, keyBy, outputType);
    List<SinkDeclaration> sinks = outputType == null || outputType == void.class ? List.of()
        : sinks(at, outputType, sinkAnnotations);
    if (problems.size() > before || kind == null) {
      return null;
    }
    WindowSpec spec = new WindowSpec(kind, lengths[0], lengths[1], lengths[2], lateness, late, aggregateSpec);
    return new OperatorNode(method.getName(), OperatorKind.WINDOW, window.from(), inputBound, outputType, keyField,
        keyBy == null ? 0 : keyBy.shards(), sinks, List.of(),
        new WindowDeclaration(spec, value, function, functionTypes), false, null, at);
  }

  /** Tumbling (size), sliding (size and slide) or session (gap) windows; null with a problem for anything else. */
  private WindowKind windowKind(String at, Window window) {
    boolean size = !window.size().isEmpty();
    boolean slide = !window.slide().isEmpty();
    boolean gap = !window.gap().isEmpty();
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

  /** {size, slide, gap} in milliseconds for the window kind; problems for bad durations and slides. */
  private long[] windowLengths(String at, Window window, WindowKind kind) {
    long[] lengths = new long[3];
    if (kind == WindowKind.SESSION) {
      Long gap = durations.millis(at, "@Window(gap)", window.gap(), true, "PT30M");
      lengths[2] = gap == null ? 0 : gap;
    } else if (kind != null) {
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
    if (value != Double.class) {
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

  /**
   * Links each {@code @OnTimer} method to the {@code @Process} operator whose timers it handles, and checks both
   * sides: one handler per operator with Timers, the handler's states declared as the operator declares them, and
   * the handler emitting what the operator emits. A handler is not a node.
   */
  private List<OperatorNode> linkTimerHandlers(List<OperatorNode> operators, List<Method> handlers) {
    java.util.Map<String, OperatorNode> byName = new HashMap<>();
    operators.forEach(operator -> byName.putIfAbsent(operator.name(), operator));
    List<String> withTimers = operators.stream().filter(OperatorNode::takesTimers).map(OperatorNode::name).toList();
    java.util.Map<String, String> handlerOf = new HashMap<>();
    java.util.Map<String, String> handlerWhere = new HashMap<>();
    StateParameters stateParameters = new StateParameters(problems);
    for (Method handler : handlers) {
      String at = Describe.method(handler);
      String target = handler.getAnnotation(OnTimer.class).value();
      OperatorNode operator = byName.get(target);
      String choose = withTimers.isEmpty() ? "Name a @Process method that takes a Timers parameter."
          : "Name the @Process method whose timers it handles: one of " + withTimers + ".";
      if (operator == null) {
        problem(at, "@OnTimer(\"" + target + "\") names no operator", choose);
        continue;
      }
      if (operator.kind() != OperatorKind.PROCESS) {
        problem(at, "@OnTimer(\"" + target + "\") names a " + operator.kind().name().toLowerCase().replace('_', '-')
            + " operator, but only a @Process registers timers", choose
            + (operator.kind() == OperatorKind.WINDOW ? " A @Window fires by itself." : ""));
        continue;
      }
      if (!operator.takesTimers()) {
        problem(at, "@OnTimer(\"" + target + "\") names " + operator.where()
                + ", which has no Timers parameter and so never registers a timer",
            "Add a Timers parameter to " + target + " and register timers with it, or remove this method.");
        continue;
      }
      String earlier = handlerWhere.putIfAbsent(target, at);
      if (earlier != null) {
        problem(at, "is a second @OnTimer(\"" + target + "\"); the first is " + earlier,
            "Handle all of " + target + "'s timers in one method: its Timer says which time fired.");
        continue;
      }
      handlerOf.put(target, handler.getName());
      if (handler.isAnnotationPresent(KeyBy.class) || handler.getAnnotationsByType(Sink.class).length > 0) {
        problem(at, "has @KeyBy or @Sink, but an @OnTimer method is not a node: what it returns leaves on "
                + target + "'s node", "Move @KeyBy and @Sink to " + target + "; they apply to the timer's results too.");
      }
      if (!Modifier.isPublic(handler.getModifiers())) {
        problem(at, "@OnTimer method is not public", "Make it public so the runtime can call it.");
      }
      if (handler.getParameterCount() == 0 || handler.getParameterTypes()[0] != Timer.class) {
        problem(at, "the first parameter of an @OnTimer method is the Timer that fired, but this one "
                + (handler.getParameterCount() == 0 ? "takes none"
                    : "is a " + Describe.type(handler.getParameterTypes()[0])),
            "Change the signature to R name(Timer timer, @State handles..., Timers timers); the handles and Timers"
                + " are optional.");
        continue;
      }
      checkHandlerStates(at, stateParameters.read(handler, at, "the Timer an @OnTimer").states(), operator);
      Class<?> emitted = emitted(at, "an @OnTimer method", handler);
      checkHandlerOutput(at, emitted, operator);
    }
    List<OperatorNode> linked = new ArrayList<>();
    for (OperatorNode operator : operators) {
      if (operator.takesTimers() && !handlerOf.containsKey(operator.name())) {
        problem(operator.where(), "takes Timers but no @OnTimer method handles its timers",
            "Add @OnTimer(\"" + operator.name() + "\") public R name(Timer timer, ...), returning what "
                + operator.name() + " returns, or remove the Timers parameter.");
      }
      String onTimer = handlerOf.get(operator.name());
      linked.add(onTimer != null && operator.takesTimers() ? operator.withOnTimer(onTimer) : operator);
    }
    return linked;
  }

  private void checkHandlerStates(String at, List<StateDeclaration> states, OperatorNode operator) {
    for (StateDeclaration state : states) {
      StateDeclaration declared = operator.states().stream().filter(s -> s.name().equals(state.name())).findFirst()
          .orElse(null);
      if (declared == null) {
        problem(at, "its state '" + state.name() + "' is not a state of " + operator.name(),
            operator.states().isEmpty()
                ? "Remove it, or declare it on " + operator.name() + ": an @OnTimer method sees its operator's states."
                : "Use " + operator.name() + "'s states " + operator.states().stream().map(StateDeclaration::name)
                    .toList() + ", declared as there, or declare '" + state.name() + "' on " + operator.name() + ".");
      } else if (declared.kind() != state.kind() || !declared.typeArguments().equals(state.typeArguments())
          || !Objects.equals(declared.function(), state.function())
          || (state.ttlSeconds() != 0 && state.ttlSeconds() != declared.ttlSeconds())) {
        problem(at, "its state '" + state.name() + "' is a " + describe(state) + ", but " + operator.name()
                + " declares it as a " + describe(declared),
            "Declare it exactly as " + operator.name() + " does: " + describe(declared) + ".");
      }
    }
  }

  private void checkHandlerOutput(String at, Class<?> emitted, OperatorNode operator) {
    if (emitted == null || emitted == void.class) {
      return; // unreadable (reported) or emits nothing, which suits every operator
    }
    Class<?> expected = operator.outputType();
    if (expected == void.class) {
      problem(at, "returns " + Describe.type(emitted) + " records, but " + operator.name()
              + " returns nothing, so its node has no records to emit them on",
          "Return void, or make " + operator.name() + " return " + Describe.type(emitted) + ".");
    } else if (!expected.isAssignableFrom(emitted)) {
      problem(at, "emits " + Describe.type(emitted) + ", but " + operator.name() + " emits "
              + Describe.type(expected) + ", and a timer's results leave on " + operator.name() + "'s node",
          "Return " + Describe.type(expected) + ", Optional<" + Describe.type(expected) + "> or List<"
              + Describe.type(expected) + ">.");
    }
  }

  /** A state as its handle is written: {@code ValueState<Long>}, with its function and ttl if any. */
  private static String describe(StateDeclaration state) {
    String handle = switch (state.kind()) {
      case VALUE -> "ValueState";
      case LIST -> "ListState";
      case MAP -> "MapState";
      case REDUCING -> "ReducingState";
      case AGGREGATING -> "AggregatingState";
      default -> state.kind().name().toLowerCase();
    };
    List<String> arguments = state.kind() == StateKind.AGGREGATING ? state.typeArguments().subList(0, 2)
        : state.typeArguments();
    return handle + "<" + arguments.stream().map(a -> a.replaceAll("[\\w]+[.$]", ""))
        .collect(Collectors.joining(", ")) + ">"
        + (state.function() == null ? "" : " with function " + state.function().replaceAll("[\\w]+[.$]", ""))
        + (state.ttlSeconds() == 0 ? "" : " with ttl " + state.ttlSeconds() + " s");
  }

  private Class<?> outputType(String at, OperatorKind kind, Method method) {
    Class<?> returned = method.getReturnType();
    switch (kind) {
      case FILTER -> {
        if (returned != boolean.class && returned != Boolean.class) {
          problem(at, "a @Filter returns boolean, but this one returns " + Describe.type(returned),
              "Return true to keep the record; use @Map to transform it.");
          return null;
        }
        return method.getParameterTypes()[0];
      }
      case MAP -> {
        if (returned == void.class || returned == Void.class || returned.isPrimitive()) {
          problem(at, "a @Map returns the record it makes, but this one returns " + returned,
              "Return a record type; use @Filter to drop records and @FlatMap for zero or more.");
          return null;
        }
        return returned;
      }
      case REDUCE -> {
        Class<?>[] parameters = method.getParameterTypes();
        if (returned != parameters[0] || parameters[1] != parameters[0]) {
          problem(at, "a @Reduce combines two values of one type into that type, but this one is "
                  + Describe.type(returned) + " (" + Describe.type(parameters[0]) + ", " + Describe.type(parameters[1])
                  + ")", "Change the signature to T name(T accumulated, T next).");
          return null;
        }
        return returned;
      }
      case PROCESS -> {
        return emitted(at, "a @Process", method);
      }
      default -> {
        Class<?> element = iterableElement(method.getGenericReturnType());
        if (element == null) {
          problem(at, "a @FlatMap returns List<R> or another Iterable<R> of a record class R, not "
              + method.getGenericReturnType().getTypeName(), "Return, for example, List<MyRecord>.");
        }
        return element;
      }
    }
  }

  /**
   * The element type a method emits, which returns R, Optional&lt;R&gt;, an Iterable&lt;R&gt; or nothing (void);
   * null with a problem when it cannot be told.
   *
   * @param what the method's kind for messages: "a @Process"
   */
  private Class<?> emitted(String at, String what, Method method) {
    Class<?> returned = method.getReturnType();
    if (returned == void.class) {
      return void.class;
    }
    if (returned == Optional.class || Iterable.class.isAssignableFrom(returned)) {
      Class<?> element = returned == Optional.class ? optionalElement(method.getGenericReturnType())
          : iterableElement(method.getGenericReturnType());
      if (element == null) {
        problem(at, what + " returning " + method.getGenericReturnType().getTypeName()
            + " must name a concrete element type", "Return, for example, Optional<MyRecord> or List<MyRecord>.");
      }
      return element;
    }
    if (returned.isPrimitive()) {
      problem(at, what + " returns a record, Optional, List or nothing, not " + returned, "Return a record type.");
      return null;
    }
    return returned;
  }

  private static OperatorKind kindOf(Annotation annotation) {
    if (annotation instanceof Filter) {
      return OperatorKind.FILTER;
    } else if (annotation instanceof Map) {
      return OperatorKind.MAP;
    } else if (annotation instanceof FlatMap) {
      return OperatorKind.FLAT_MAP;
    } else if (annotation instanceof Process) {
      return OperatorKind.PROCESS;
    } else if (annotation instanceof Window) {
      return OperatorKind.WINDOW;
    }
    return OperatorKind.REDUCE;
  }

  private static String fromOf(Annotation annotation) {
    if (annotation instanceof Filter f) {
      return f.from();
    } else if (annotation instanceof Map m) {
      return m.from();
    } else if (annotation instanceof FlatMap f) {
      return f.from();
    } else if (annotation instanceof Process p) {
      return p.from();
    } else if (annotation instanceof Window w) {
      return w.from();
    }
    return ((Reduce) annotation).from();
  }

  private String checkedKeyField(String at, KeyBy keyBy, Class<?> type) {
    if (!RecordFields.has(type, keyBy.value())) {
      problem(at, "@KeyBy(\"" + keyBy.value() + "\") names no field of " + Describe.type(type),
          "Use one of its fields: " + RecordFields.names(type) + ".");
    }
    if (keyBy.shards() != 0) {
      checkShards(at, "@KeyBy(shards)", keyBy.shards());
    }
    return keyBy.value();
  }

  private static Class<?> optionalElement(Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Class<?> iterableElement(Type type) {
    if (!(type instanceof ParameterizedType parameterized)
        || !(parameterized.getRawType() instanceof Class<?> raw) || !Iterable.class.isAssignableFrom(raw)
        || parameterized.getActualTypeArguments().length != 1) {
      return null;
    }
    Type element = parameterized.getActualTypeArguments()[0];
    if (element instanceof Class<?> c) {
      return c;
    }
    if (element instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private List<SinkDeclaration> sinks(String at, Class<?> type) {
    return sinks(at, type, ((AnnotatedElement) type).getAnnotationsByType(Sink.class));
  }

  private List<SinkDeclaration> sinks(String at, Class<?> recordType, Sink[] annotations) {
    List<SinkDeclaration> sinks = new ArrayList<>();
    for (Sink sink : annotations) {
      int targets = (sink.stream().isEmpty() ? 0 : 1) + (sink.table().isEmpty() ? 0 : 1) + (sink.console() ? 1 : 0);
      if (targets != 1) {
        problem(at, "a @Sink sets " + targets + " of stream, table and console",
            "Set exactly one, e.g. @Sink(table = \"...\", key = \"id\"); repeat @Sink for several sinks.");
        continue;
      }
      String key = sink.key().isEmpty() ? null : sink.key();
      if (key != null && !RecordFields.has(recordType, key)) {
        problem(at, "@Sink key \"" + key + "\" names no field of " + Describe.type(recordType),
            "Use one of its fields: " + RecordFields.names(recordType) + ".");
      }
      if (!sink.table().isEmpty()) {
        checkTableName(at, sink.table());
        if (key == null) {
          problem(at, "the table sink '" + sink.table() + "' has no key",
              "Name the field that is the table's partition key: @Sink(table = \"" + sink.table()
                  + "\", key = \"...\").");
        }
        sinks.add(new SinkDeclaration(nameOr(sink, sink.table()), dev.runnel.plan.OutputKind.TABLE, sink.table(),
            key, 0, at));
      } else if (!sink.stream().isEmpty()) {
        checkStreamName(at, "sink stream", sink.stream());
        checkShards(at, "@Sink(shards)", sink.shards());
        sinks.add(new SinkDeclaration(nameOr(sink, sink.stream()), dev.runnel.plan.OutputKind.STREAM,
            sink.stream(), key, sink.shards(), at));
      } else {
        sinks.add(new SinkDeclaration(nameOr(sink, "console"), dev.runnel.plan.OutputKind.CONSOLE, null, key, 0, at));
      }
    }
    return sinks;
  }

  private static String nameOr(Sink sink, String fallback) {
    return sink.name().isEmpty() ? fallback : sink.name();
  }

  private String codecName(String at, Class<? extends Codec> codec) {
    if (codec == Codec.Json.class) {
      return "json";
    }
    boolean constructible = !codec.isInterface() && !Modifier.isAbstract(codec.getModifiers())
        && Modifier.isPublic(codec.getModifiers())
        && Arrays.stream(codec.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    if (!constructible) {
      problem(at, "codec " + Describe.type(codec) + " cannot be created by the runtime",
          "Make it a public concrete class with a public no-argument constructor.");
    }
    return codec.getName();
  }

  private void checkStreamName(String at, String what, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      problem(at, what + " '" + name + "' is not a valid Kinesis stream name",
          "Use 3-128 letters, digits, '_', '.' and '-'.");
    }
  }

  private void checkTableName(String at, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      problem(at, "table '" + name + "' is not a valid DynamoDB table name",
          "Use 3-128 letters, digits, '_', '.' and '-'.");
    }
  }

  private void checkShards(String at, String what, int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      problem(at, what + " is " + shards, "Use 1 to " + MAX_SHARDS + " shards.");
    }
  }

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }

  /** Nodes by name, sources first; a duplicate name is a problem and the later node is dropped. */
  LinkedHashMap<String, JobNode> byName(List<SourceNode> sources, List<OperatorNode> operators) {
    LinkedHashMap<String, JobNode> nodes = new LinkedHashMap<>();
    for (JobNode node : concat(sources, operators)) {
      JobNode earlier = nodes.putIfAbsent(node.name(), node);
      if (earlier != null) {
        problem(node.where(), "its name '" + node.name() + "' is also used by " + earlier.where(),
            node instanceof SourceNode
                ? "Read each stream with one @Source."
                : "Rename one of them: operator names (method names) must be unique and differ from source streams.");
      }
    }
    return nodes;
  }

  private static List<JobNode> concat(List<SourceNode> sources, List<OperatorNode> operators) {
    List<JobNode> all = new ArrayList<>(sources);
    all.addAll(operators);
    return all;
  }
}
