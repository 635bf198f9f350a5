package dev.runnel.localrunner.run;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.esm.ShardHandlerFactory;
import dev.runnel.plan.Plan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real stage function, one {@link StageHandler} per shard as one warm Lambda environment per shard, plus one for
 * the stage's ticks when it has them.
 */
final class StageFunctions implements ShardHandlerFactory {
  private final Plan plan;
  private final String stageId;
  private final StageResources resources;
  private final ClassLoader jobClassLoader;
  private final FunctionFactory factory;
  private final List<StageHandler> instances = new CopyOnWriteArrayList<>();

  StageFunctions(Plan plan, String stageId, StageResources resources, ClassLoader jobClassLoader,
      FunctionFactory factory) {
    this.plan = plan;
    this.stageId = stageId;
    this.resources = resources;
    this.jobClassLoader = jobClassLoader;
    this.factory = factory;
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String shardId) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      return factory.create(stageId, shardId, resources, this::newHandler);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The function that serves the stage's ticks, made by the factory; call once per stage. */
  TickFunction ticker() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobClassLoader);
    try {
      return factory.ticker(stageId, resources, this::newHandler);
    } finally {
      thread.setContextClassLoader(previous);
    }
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
   * The counters of every instance so far (the tick instance included), summed: those made here in process, and
   * those the factory runs elsewhere.
   */
  StageMetrics metrics() {
    return instances.stream().map(StageHandler::metrics).reduce(factory.metrics(stageId), StageMetrics::plus);
  }
}
