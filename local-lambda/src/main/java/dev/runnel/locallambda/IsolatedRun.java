package dev.runnel.locallambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.CounterLine;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.functions.TickReport;
import dev.runnel.localrunner.run.TickFunction;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.plan.StageSpec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The isolated functions of one run: writes the plan into a function-code directory, serves credentials, starts
 * a process per function instance on demand, sums their counters and stops them all when the run ends.
 */
public final class IsolatedRun implements FunctionFactory, AutoCloseable {
  private static final String PLAN_RESOURCE = "/runnel-plan.json";
  private static final Pattern CONFLICTS = Pattern.compile("(\\d+) shard\\(s\\) were committed by another");
  private static final Pattern DEFERRED = Pattern.compile("(\\d+) shard\\(s\\) deferred");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Plan plan;
  private final FunctionSizing sizing;
  private final Duration initTimeout;
  private final ProcessFaults faults;
  private final Path taskRoot;
  private final String classpath;
  private final KinesisEventJson events = new KinesisEventJson();
  private final Map<String, List<FunctionInstance>> byStage = new LinkedHashMap<>();
  private ProcessLauncher launcher;
  private Map<String, String> endpoints;
  private ContainerCredentialsEndpoint credentials;

  IsolatedRun(Plan plan, ClassLoader jobClassLoader, FunctionSizing sizing, Duration initTimeout,
      ProcessFaults faults) {
    this.plan = plan;
    this.sizing = sizing;
    this.initTimeout = initTimeout;
    this.faults = faults;
    this.classpath = classpath(jobClassLoader);
    try {
      this.taskRoot = Files.createTempDirectory("runnel-task-" + plan.job() + "-");
      Files.writeString(taskRoot.resolve(PLAN_RESOURCE.substring(1)), PlanJson.write(plan), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan of job " + plan.job() + " for its functions", e);
    }
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    FunctionInstance instance = instance(stageId, stageId, LambdaFunction.STAGE_HANDLER, resources);
    return (event, context) -> {
      InvocationResult result = instance.invoke(events.write(event));
      if (result instanceof InvocationResult.Response response) {
        return KinesisEventJson.response(response.body());
      }
      throw InvocationFailedException.of(instance.function().name() + " (shard " + shardId + ")", result);
    };
  }

  @Override
  public TickFunction ticker(String stageId, StageResources resources,
      Function<StageResources, StageHandler> newHandler) {
    FunctionInstance instance = instance(stageId, stageId + "-tick", LambdaFunction.TICK_HANDLER, resources);
    return () -> {
      InvocationResult result = instance.invoke("{}".getBytes(StandardCharsets.UTF_8));
      if (!(result instanceof InvocationResult.Response response)) {
        throw InvocationFailedException.of(instance.function().name(), result);
      }
      try {
        String text = JSON.readTree(response.body()).asText();
        Matcher conflicts = CONFLICTS.matcher(text);
        Matcher deferred = DEFERRED.matcher(text);
        return new TickReport(conflicts.find() ? Integer.parseInt(conflicts.group(1)) : 0,
            deferred.find() ? Integer.parseInt(deferred.group(1)) : 0);
      } catch (IOException e) {
        throw new UncheckedIOException("tick function of stage " + stageId + " answered no text", e);
      }
    };
  }

  @Override
  public synchronized StageMetrics metrics(String stageId) {
    return byStage.getOrDefault(stageId, List.of()).stream().map(FunctionInstance::counters)
        .reduce(StageMetrics.ZERO, StageMetrics::plus);
  }

  /** Every function instance of the run so far, in creation order. */
  synchronized List<FunctionInstance> instances() {
    return byStage.values().stream().flatMap(List::stream).toList();
  }

  /** The credentials endpoint of the run (started with the first function). */
  synchronized ContainerCredentialsEndpoint credentials() {
    return credentials;
  }

  private synchronized FunctionInstance instance(String stageId, String name, String handler,
      StageResources resources) {
    StageSpec stage = plan.stage(stageId).orElseThrow(() -> new IllegalArgumentException(
        "plan of job '" + plan.job() + "' has no stage '" + stageId + "'"));
    ProcessLauncher processes = launcher(resources);
    Map<String, String> env = new LinkedHashMap<>(endpoints);
    env.put("RUNNEL_STAGE", stageId);
    env.put("RUNNEL_PLAN_RESOURCE", PLAN_RESOURCE);
    env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    env.put(CounterLine.ENABLED, "true");
    System.getenv().forEach((variable, value) -> {
      if (variable.startsWith("RUNNEL_MODEL_")) {
        env.put(variable, value);
      }
    });
    LambdaFunction function = new LambdaFunction(name, handler, sizing.memoryOf(plan, stage),
        sizing.timeoutOf(plan, stage), env);
    Set<String> consoleSinks = new LinkedHashSet<>();
    stage.outputs().stream().filter(o -> o.kind() == OutputKind.CONSOLE).map(OutputSpec::name)
        .forEach(consoleSinks::add);
    FunctionInstance instance = new FunctionInstance(function, processes, consoleSinks, resources.console(),
        initTimeout, faults);
    byStage.computeIfAbsent(stageId, id -> new CopyOnWriteArrayList<>()).add(instance);
    return instance;
  }

  /** The launcher, made with the first function: the run's region, endpoints and credentials come from its clients. */
  private ProcessLauncher launcher(StageResources resources) {
    if (launcher == null) {
      AwsServiceClientConfiguration kinesis = resources.kinesis().serviceClientConfiguration();
      AwsServiceClientConfiguration dynamoDb = resources.dynamoDb().serviceClientConfiguration();
      Map<String, String> overrides = new LinkedHashMap<>();
      kinesis.endpointOverride().ifPresent(uri -> overrides.put("RUNNEL_KINESIS_ENDPOINT", uri.toString()));
      dynamoDb.endpointOverride().ifPresent(uri -> overrides.put("RUNNEL_DYNAMODB_ENDPOINT", uri.toString()));
      this.endpoints = Map.copyOf(overrides);
      var provider = dynamoDb.credentialsProvider();
      try {
        this.credentials = new ContainerCredentialsEndpoint(
            () -> (AwsCredentialsIdentity) provider.resolveIdentity().join());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the local container-credentials endpoint", e);
      }
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      this.launcher = new ProcessLauncher(java, classpath, taskRoot, kinesis.region().id(), credentials);
    }
    return launcher;
  }

  /** This JVM's classpath and the job class loader's jars and directories, each once. */
  private static String classpath(ClassLoader jobClassLoader) {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    for (ClassLoader loader = jobClassLoader; loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a local file: the child cannot load from it
          }
        }
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  /** How long each process of the run took to start (to its first poll of the Runtime API), by function name. */
  public synchronized Map<String, List<Duration>> startTimes() {
    Map<String, List<Duration>> times = new LinkedHashMap<>();
    instances().forEach(i -> times.computeIfAbsent(i.function().name(), n -> new ArrayList<>())
        .addAll(i.startTimes()));
    return times;
  }

  @Override
  public void close() {
    instances().forEach(FunctionInstance::close);
    synchronized (this) {
      if (credentials != null) {
        credentials.close();
      }
    }
    try (Stream<Path> files = Files.walk(taskRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
