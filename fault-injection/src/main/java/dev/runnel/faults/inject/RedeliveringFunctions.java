package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageMetrics;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.TickFunction;
import dev.runnel.plan.Plan;
import java.util.function.Function;

/**
 * Another factory's functions (stages in processes of their own, say) with the runner-side faults of a plan: each
 * shard's function gets batches delivered again, whole or as a sub-range ({@link RedeliveringHandler}), as the
 * event source mapping may. Nothing inside the functions is wrapped; ticks are the other factory's, unchanged.
 */
public final class RedeliveringFunctions implements FunctionFactory, AutoCloseable {
  private final FunctionFactory functions;
  private final FaultPlan faults;
  private final FaultLog log;

  /** {@code functions} with {@code faults}'s redeliveries, logged to {@code log}. */
  public RedeliveringFunctions(FunctionFactory functions, FaultPlan faults, FaultLog log) {
    this.functions = functions;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public FunctionFactory forRun(Plan plan, ClassLoader jobClassLoader) {
    return new RedeliveringFunctions(functions.forRun(plan, jobClassLoader), faults, log);
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    FaultDice dice = new FaultDice(faults, log, stageId + "/" + shardId);
    return new CountingFunction(
        new RedeliveringHandler(functions.create(stageId, shardId, resources, newHandler), dice), dice);
  }

  @Override
  public TickFunction ticker(String stageId, StageResources resources,
      Function<StageResources, StageHandler> newHandler) {
    return functions.ticker(stageId, resources, newHandler);
  }

  @Override
  public StageMetrics metrics(String stageId) {
    return functions.metrics(stageId);
  }

  /** Closes the other factory's run (its processes), if it owns any. */
  @Override
  public void close() throws Exception {
    if (functions instanceof AutoCloseable owned) {
      owned.close();
    }
  }
}
