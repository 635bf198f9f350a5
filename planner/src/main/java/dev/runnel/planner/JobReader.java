package dev.runnel.planner;

import dev.runnel.api.Aggregate;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.OnBroadcast;
import dev.runnel.api.OnTimer;
import dev.runnel.api.Reduce;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Transport;
import dev.runnel.plan.StreamTransport;
import dev.runnel.plan.Plan;
import dev.runnel.api.Window;
import dev.runnel.api.IntervalJoin;
import dev.runnel.api.WindowJoin;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import dev.runnel.api.model.Classify;
import dev.runnel.api.model.Complete;
import dev.runnel.api.model.Embed;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a job class into {@link JobNode}s without running any of its code. It checks the job's own annotation, walks
 * the nested types and methods in a stable order, and hands each declaration to the reader of its feature:
 * {@link SourceReader} (with {@link EventTimeReader}), {@link OperatorReader} (with {@link StateParameters}),
 * {@link WindowReader} and {@link TimerReader}. Wiring the nodes together, and the checks that need a node's input,
 * are {@link JobWiring}'s job.
 */
final class JobReader {
  private static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Duration MIN_DEAD_LETTER_RETENTION = Duration.ofDays(1);
  private static final Duration MAX_DEAD_LETTER_RETENTION = Duration.ofDays(365);
  /** The operator annotations; {@code @Map} and {@code @Process} are the deprecated names of the two before them. */
  @SuppressWarnings("deprecation")
  private static final List<Class<? extends Annotation>> OPERATOR_ANNOTATIONS = List.of(Filter.class, MapEach.class,
      dev.runnel.api.Map.class, FlatMap.class, KeyedProcess.class, dev.runnel.api.Process.class, Reduce.class,
      Window.class, WindowJoin.class, IntervalJoin.class, Complete.class, Classify.class, Embed.class);

  private final Class<?> jobClass;
  private final String where;
  private final List<JobProblem> problems = new ArrayList<>();
  private final SourceReader sourceReader = new SourceReader(problems);
  private final EventTimeReader eventTimeReader = new EventTimeReader(problems);
  private final OperatorReader operatorReader = new OperatorReader(problems);
  private final WindowReader windowReader = new WindowReader(problems);
  private final TimerReader timerReader = new TimerReader(problems);
  private final BroadcastReader broadcastReader = new BroadcastReader(problems);
  private final JoinReader joinReader = new JoinReader(problems);
  private final ModelReader modelReader = new ModelReader(problems);
  private final SideOutputReader sideOutputReader = new SideOutputReader(problems);
  private java.util.Map<String, ModelReader.Declared> models;

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

  /** The {@code @StreamingJob(edges)}: where the streams between stages live. Call after {@link #jobName()}. */
  StreamTransport edges() {
    return jobClass.getAnnotation(StreamingJob.class).edges() == Transport.KAFKA ? StreamTransport.KAFKA
        : StreamTransport.KINESIS;
  }

  /**
   * The {@code @StreamingJob(maxRecordAttempts)}: how often a batch may fail for an unknown reason before it is
   * narrowed to the record that fails alone. Call after {@link #jobName()} returned a name.
   */
  int maxRecordAttempts() {
    int attempts = jobClass.getAnnotation(StreamingJob.class).maxRecordAttempts();
    if (attempts < 1 || attempts > Plan.MAX_RECORD_ATTEMPTS) {
      problem(where, "maxRecordAttempts = " + attempts + " is out of range",
          "Use 1.." + Plan.MAX_RECORD_ATTEMPTS + " (default " + Plan.DEFAULT_MAX_RECORD_ATTEMPTS + "): after that "
          + "many failed attempts a batch is narrowed to the record that fails alone, which goes to the dead letters.");
      return Plan.DEFAULT_MAX_RECORD_ATTEMPTS;
    }
    return attempts;
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

  /**
   * The {@code @StreamingJob(deadLetterRetention)} in seconds: whole seconds from a day to a year. Call after
   * {@link #jobName()} returned a name.
   */
  long deadLetterRetentionSeconds() {
    String retention = jobClass.getAnnotation(StreamingJob.class).deadLetterRetention();
    long fallback = Duration.ofDays(14).getSeconds();
    Duration duration;
    try {
      duration = Duration.parse(retention);
    } catch (DateTimeParseException e) {
      problem(where, "deadLetterRetention \"" + retention + "\" is not an ISO-8601 duration",
          "Write it as e.g. @StreamingJob(value = \"...\", deadLetterRetention = \"P7D\") to keep dead letters a week.");
      return fallback;
    }
    if (duration.compareTo(MIN_DEAD_LETTER_RETENTION) < 0) {
      problem(where, "deadLetterRetention \"" + retention + "\" is shorter than a day",
          "Use at least \"P1D\": an operator needs time to see the alarm, read the dead letters and replay them.");
      return fallback;
    }
    if (duration.compareTo(MAX_DEAD_LETTER_RETENTION) > 0) {
      problem(where, "deadLetterRetention \"" + retention + "\" is longer than a year",
          "Use at most \"P365D\": dead letters hold raw payloads, often personal data; replay or export them sooner.");
      return fallback;
    }
    if (duration.getNano() != 0) {
      problem(where, "deadLetterRetention \"" + retention + "\" is not a whole number of seconds",
          "Use whole seconds, e.g. \"P14D\" or \"PT36H\": DynamoDB's TTL counts in seconds.");
      return fallback;
    }
    return duration.getSeconds();
  }

  /** The {@code @Source} records nested in the job class, in stream-name order. */
  List<SourceNode> sources() {
    List<SourceNode> sources = new ArrayList<>();
    Class<?>[] nested = jobClass.getDeclaredClasses();
    Arrays.sort(nested, Comparator.comparing(Class::getName));
    for (Class<?> type : nested) {
      if (type.getAnnotationsByType(Source.class).length > 0) {
        sources.addAll(sourceReader.read(type));
      } else {
        eventTimeReader.checkNotSource(type);
      }
    }
    sources.sort(Comparator.comparing(SourceNode::name));
    if (sources.isEmpty()) {
      problem(where, "declares no source",
          "Nest a record annotated @Source(stream = \"...\") in the job class; it is the type of the input records.");
    }
    return sources;
  }

  /** The {@code @Model}s declared on the job class, by name. */
  java.util.Map<String, ModelReader.Declared> models() {
    if (models == null) {
      models = modelReader.read(jobClass);
    }
    return models;
  }

  /** The operator methods of the job class, in name order, each linked to the {@code @OnTimer} method if any. */
  List<OperatorNode> operators() {
    List<OperatorNode> operators = new ArrayList<>();
    Method[] methods = jobClass.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Describe::method));
    List<Method> timerHandlers = new ArrayList<>();
    List<Method> broadcastHandlers = new ArrayList<>();
    for (Method method : methods) {
      if (method.isSynthetic() || method.isBridge()) {
        continue;
      }
      if (method.isAnnotationPresent(OnBroadcast.class) && operatorAnnotations(method).isEmpty()) {
        if (method.isAnnotationPresent(OnTimer.class)) {
          problem(Describe.method(method), "is both an @OnBroadcast and an @OnTimer method",
              "Keep one: a broadcast record and a timer are handled by methods of their own.");
          continue;
        }
        broadcastHandlers.add(method);
        continue;
      }
      if (method.isAnnotationPresent(OnTimer.class) && operatorAnnotations(method).isEmpty()) {
        timerHandlers.add(method);
        continue;
      }
      OperatorNode operator = operator(method);
      if (operator != null) {
        operators.add(operator);
        for (SideOutputReader.Declared side : sideOutputReader.read(method, Describe.method(method))) {
          operators.add(OperatorNode.side(operator, side.name(), side.type()));
        }
      }
    }
    return broadcastReader.link(timerReader.link(operators, timerHandlers), broadcastHandlers);
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

  /**
   * The operator a method declares, read by the reader of its kind; null when it declares none or (with problems) is
   * not usable. Annotations on the wrong kind of method are reported here.
   */
  @SuppressWarnings("deprecation")
  private OperatorNode operator(Method method) {
    String at = Describe.method(method);
    List<Annotation> kinds = operatorAnnotations(method);
    KeyBy keyBy = method.getAnnotation(KeyBy.class);
    Sink[] sinkAnnotations = method.getAnnotationsByType(Sink.class);
    boolean aggregate = method.isAnnotationPresent(Aggregate.class);
    if (kinds.isEmpty()) {
      if (keyBy != null || sinkAnnotations.length > 0) {
        problem(at, "has @KeyBy or @Sink but is not an operator",
            "Add @MapEach, @Filter, @FlatMap, @KeyedProcess, @Reduce, @Window, @Complete, @Classify or @Embed to the"
                + " method, or"
                + " remove @KeyBy and @Sink"
                + " from it.");
      }
      if (aggregate) {
        problem(at, "has @Aggregate but is not a @Window method",
            "Add @Window(size = \"PT1M\") (or slide, or gap) to it, or remove @Aggregate.");
      }
      return null;
    }
    if (kinds.size() > 1) {
      problem(at, "has more than one of @Filter, @MapEach, @FlatMap, @KeyedProcess, @Reduce, @Window, @Complete, @Classify"
          + " and @Embed",
          "Keep one; split the work into two methods.");
      return null;
    }
    if (method.isAnnotationPresent(OnBroadcast.class)) {
      problem(at, "is both an operator and an @OnBroadcast method",
          "Apply the broadcast records in a method of its own: @OnBroadcast(\"operator\") void name(R rule,"
              + " BroadcastState<K, V> state).");
      return null;
    }
    if (method.isAnnotationPresent(OnTimer.class)) {
      problem(at, "is both an operator and an @OnTimer method",
          "Handle the timers in a method of its own: @OnTimer(\"operator\") R name(Timer timer, ...).");
      return null;
    }
    Annotation annotation = kinds.get(0);
    boolean sideOutputs = annotation instanceof Filter || annotation instanceof MapEach || annotation instanceof FlatMap
        || annotation instanceof KeyedProcess || annotation instanceof dev.runnel.api.Map
        || annotation instanceof dev.runnel.api.Process;
    if (!sideOutputs && SideOutputReader.count(method) > 0) {
      problem(at, "takes a SideOutput, which only @Filter, @MapEach, @FlatMap and @KeyedProcess methods take",
          "Remove it, and emit those records from a @FlatMap or @KeyedProcess that reads this operator instead.");
      return null;
    }
    if (annotation instanceof Window window) {
      return windowReader.read(method, window, keyBy, sinkAnnotations, at);
    }
    if (annotation instanceof WindowJoin join) {
      if (aggregate) {
        problem(at, "has @Aggregate, which only a @Window method takes",
            "Remove @Aggregate; a @WindowJoin is called once per pair of records.");
      }
      return joinReader.read(method, join, keyBy, sinkAnnotations, at);
    }
    if (annotation instanceof IntervalJoin join) {
      if (aggregate) {
        problem(at, "has @Aggregate, which only a @Window method takes",
            "Remove @Aggregate; an @IntervalJoin is called once per pair of records.");
      }
      return joinReader.read(method, join, keyBy, sinkAnnotations, at);
    }
    if (InferenceReader.isInference(annotation)) {
      if (aggregate) {
        problem(at, "has @Aggregate, which only a @Window method takes", "Remove @Aggregate.");
      }
      return new InferenceReader(problems, models(), modelReader.rejected())
          .read(method, annotation, keyBy, sinkAnnotations, at);
    }
    if (aggregate) {
      problem(at, "has @Aggregate, which only a @Window method takes",
          "Remove @Aggregate; for a running aggregate in a @KeyedProcess, use an AggregatingState.");
    }
    return operatorReader.read(method, annotation, keyBy, sinkAnnotations, at);
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

  private void problem(String at, String problem, String fix) {
    problems.add(new JobProblem(at, problem, fix));
  }
}
