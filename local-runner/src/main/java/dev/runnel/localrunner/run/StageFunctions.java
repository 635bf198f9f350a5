package dev.runnel.localrunner.run;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.KafkaStageHandler;
import dev.runnel.functions.KafkaStageStreamHandler;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.requests.RequestCounter;
import dev.runnel.localrunner.esm.PartitionHandlerFactory;
import dev.runnel.localrunner.esm.ShardHandlerFactory;
import dev.runnel.plan.Plan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The real stage function, one {@link StageHandler} per shard as one warm Lambda environment per shard, plus one for
 * the stage's ticks when it has them. Given {@link FunctionClients}, each environment gets its own SDK clients and
 * request counter, as on Lambda; without, all share the run's clients and their requests are not counted. A stage
 * reading a Kafka topic gets one {@link KafkaStageStreamHandler} per partition, always in this process (the run's
 * function factory, which may run functions in processes of their own, serves Kinesis mappings and ticks only).
 */
final class StageFunctions implements ShardHandlerFactory, AutoCloseable {
  private final Plan plan;
  private final String stageId;
  private final StageResources resources;
  private final FunctionClients clients;
  private final ClassLoader jobClassLoader;
  private final FunctionFactory factory;
  private final List<StageHandler> instances = new CopyOnWriteArrayList<>();
  private final List<RequestCounter> counters = new CopyOnWriteArrayList<>();
  private final List<SdkAutoCloseable> built = new CopyOnWriteArrayList<>();

  StageFunctions(Plan plan, String stageId, StageResources resources, FunctionClients clients,
      ClassLoader jobClassLoader, FunctionFactory factory) {
    this.plan = plan;
    this.stageId = stageId;
    this.resources = resources;
    this.clients = clients;
    this.jobClassLoader = jobClassLoader;
    this.factory = factory;
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String shardId) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      return factory.create(stageId, shardId, environment(), this::newHandler);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The function serving one topic-partition of a Kafka mapping ({@link PartitionHandlerFactory}): Lambda's Kafka
   * event JSON in, the Kafka batch response JSON out.
   */
  RequestStreamHandler kafkaHandler(String partition) {
    return new KafkaStageStreamHandler(new KafkaStageHandler(newHandler(environment())));
  }

  /** The function that serves the stage's ticks, made by the factory; call once per stage. */
  TickFunction ticker() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      return factory.ticker(stageId, environment(), this::newHandler);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The resources of a new environment: its own counted clients, or the run's shared ones. */
  private StageResources environment() {
    if (clients == null) {
      return resources;
    }
    RequestCounter counter = new RequestCounter();
    var kinesis = clients.kinesis(stageId, counter);
    built.add(kinesis);
    var dynamoDb = clients.dynamoDb(stageId, counter);
    built.add(dynamoDb);
    counters.add(counter);
    return resources.withClients(kinesis, dynamoDb, counter);
  }

  private StageHandler newHandler(StageResources instanceResources) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      StageHandler handler = new StageHandler(plan, stageId, instanceResources);
      instances.add(handler);
      return handler;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The counters of every instance so far (the tick instance included), summed: those made here in process, with the
   * requests their environments' clients counted, and those the factory runs elsewhere.
   */
  StageMetrics metrics() {
    StageMetrics sum = instances.stream().map(StageHandler::metrics).reduce(factory.metrics(stageId),
        StageMetrics::plus);
    for (RequestCounter counter : counters) {
      sum = sum.plusRequests(counter.snapshot());
    }
    return sum;
  }

  /** Closes the clients built for the environments. */
  @Override
  public void close() {
    built.forEach(SdkAutoCloseable::close);
  }
}
