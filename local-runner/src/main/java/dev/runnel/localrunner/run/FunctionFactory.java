package dev.runnel.localrunner.run;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.plan.Plan;
import java.util.function.Function;

/**
 * Creates the function instance that serves one shard of one stage, as Lambda creates an environment, and the tick
 * function of each stage whose plan asks for ticks. The default is the real {@link StageHandler} on the run's
 * resources; the fault-injection harness wraps its clients, crashes it at commit steps, delivers batches twice and
 * runs zombies next to it.
 */
@FunctionalInterface
public interface FunctionFactory {
  /** The real handler, unchanged. */
  FunctionFactory REAL = (stageId, shardId, resources, newHandler) -> newHandler.apply(resources);

  /**
   * The handler for a shard.
   *
   * @param stageId    the stage
   * @param shardId    the shard it will serve
   * @param resources  the run's resources
   * @param newHandler creates a real handler (a new environment) on the given resources; call it as often as needed
   */
  RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler);

  /**
   * The tick function of a stage, created once per stage before its first tick (a warm environment of the stage's
   * tick schedule). The default is {@link StageHandler#tick()} of a new real handler; override it to wrap the
   * clients or the handler of tick invocations as {@link #create} does for batches.
   *
   * @param stageId    the stage
   * @param resources  the run's resources
   * @param newHandler creates a real handler (a new environment) on the given resources; call it as often as needed
   */
  default TickFunction ticker(String stageId, StageResources resources,
      Function<StageResources, StageHandler> newHandler) {
    StageHandler handler = newHandler.apply(resources);
    return handler::tick;
  }

  /**
   * The factory one run of {@code plan} uses, asked once when the run starts, before any {@link #create} or
   * {@link #ticker}. The default is this factory. A factory running functions outside this JVM returns one that owns
   * them for the run; the run closes it when it ends if it is {@link AutoCloseable}.
   *
   * @param plan           the plan the run runs
   * @param jobClassLoader loads the job's classes
   */
  default FunctionFactory forRun(Plan plan, ClassLoader jobClassLoader) {
    return this;
  }

  /**
   * The counters of {@code stageId}'s function instances that this factory runs outside the runner's JVM, summed
   * (zero by default: the runner counts the real handlers it made in process itself).
   */
  default StageMetrics metrics(String stageId) {
    return StageMetrics.ZERO;
  }
}
