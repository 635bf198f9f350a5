package dev.runnel.planner;

import dev.runnel.api.Codec;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Map;
import dev.runnel.api.Process;
import dev.runnel.api.Reduce;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.plan.OperatorKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a job class's annotations into {@link JobNode}s and checks each declaration on its own: signatures, names,
 * key fields, sink settings. It reflects on declarations only and never runs user code. Wiring the nodes together
 * is {@link JobWiring}'s job.
 */
final class JobReader {
  static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,128}");
  static final int MAX_SHARDS = 500;

  private final Class<?> jobClass;
  private final String where;
  private final List<JobProblem> problems = new ArrayList<>();

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

  /** The {@code @Source} records nested in the job class, in stream-name order. */
  List<SourceNode> sources() {
    List<SourceNode> sources = new ArrayList<>();
    Class<?>[] nested = jobClass.getDeclaredClasses();
    Arrays.sort(nested, Comparator.comparing(Class::getName));
    for (Class<?> type : nested) {
      Source source = type.getAnnotation(Source.class);
      if (source == null) {
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
          keyBy == null ? 0 : keyBy.shards(), sinks(at, type), at));
    }
    sources.sort(Comparator.comparing(SourceNode::name));
    if (sources.isEmpty()) {
      problem(where, "declares no source",
          "Nest a record annotated @Source(stream = \"...\") in the job class; it is the type of the input records.");
    }
    return sources;
  }

  /** The operator methods of the job class, in name order. */
  List<OperatorNode> operators() {
    List<OperatorNode> operators = new ArrayList<>();
    Method[] methods = jobClass.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Describe::method));
    for (Method method : methods) {
      if (method.isSynthetic() || method.isBridge()) {
        continue;
      }
      OperatorNode operator = operator(method);
      if (operator != null) {
        operators.add(operator);
      }
    }
    return operators;
  }

  private OperatorNode operator(Method method) {
    String at = Describe.method(method);
    List<Annotation> kinds = new ArrayList<>();
    for (Class<? extends Annotation> kind : List.of(Filter.class, Map.class, FlatMap.class, Process.class,
        Reduce.class)) {
      Annotation annotation = method.getAnnotation(kind);
      if (annotation != null) {
        kinds.add(annotation);
      }
    }
    KeyBy keyBy = method.getAnnotation(KeyBy.class);
    Sink[] sinkAnnotations = method.getAnnotationsByType(Sink.class);
    if (kinds.isEmpty()) {
      if (keyBy != null || sinkAnnotations.length > 0) {
        problem(at, "has @KeyBy or @Sink but is not an operator",
            "Add @Map, @Filter, @FlatMap, @Process or @Reduce to the method, or remove @KeyBy and @Sink from it.");
      }
      return null;
    }
    if (kinds.size() > 1) {
      problem(at, "has more than one of @Filter, @Map, @FlatMap, @Process and @Reduce",
          "Keep one; split the work into two methods.");
      return null;
    }
    Annotation annotation = kinds.get(0);
    OperatorKind kind = kindOf(annotation);
    String from = fromOf(annotation);
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
    StateParameters stateParameters = new StateParameters(problems);
    if (kind == OperatorKind.PROCESS) {
      states = stateParameters.read(method, at);
    } else if (kind == OperatorKind.REDUCE) {
      states = List.of(stateParameters.reduced(inputType, ((Reduce) annotation).ttl(), at));
    }
    if (outputType == void.class && (keyBy != null || sinkAnnotations.length > 0)) {
      problem(at, "returns nothing, so it has no output for @KeyBy or @Sink",
          "Return the record to emit, or remove @KeyBy and @Sink.");
    }
    String keyField = keyBy == null ? null : checkedKeyField(at, keyBy, outputType);
    return new OperatorNode(method.getName(), kind, from, inputType, outputType, keyField,
        keyBy == null ? 0 : keyBy.shards(), sinks(at, outputType, sinkAnnotations), states, at);
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
        if (returned == void.class) {
          return void.class;
        }
        if (returned == Optional.class || Iterable.class.isAssignableFrom(returned)) {
          Class<?> element = returned == Optional.class ? optionalElement(method.getGenericReturnType())
              : iterableElement(method.getGenericReturnType());
          if (element == null) {
            problem(at, "a @Process returning " + method.getGenericReturnType().getTypeName()
                + " must name a concrete element type", "Return, for example, Optional<MyRecord> or List<MyRecord>.");
          }
          return element;
        }
        if (returned.isPrimitive()) {
          problem(at, "a @Process returns a record, Optional, List or nothing, not " + returned,
              "Return a record type.");
          return null;
        }
        return returned;
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

  private static OperatorKind kindOf(Annotation annotation) {
    if (annotation instanceof Filter) {
      return OperatorKind.FILTER;
    } else if (annotation instanceof Map) {
      return OperatorKind.MAP;
    } else if (annotation instanceof FlatMap) {
      return OperatorKind.FLAT_MAP;
    } else if (annotation instanceof Process) {
      return OperatorKind.PROCESS;
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
