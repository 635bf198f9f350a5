package dev.runnel.locallambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.plan.Plan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Isolated functions that keep each run's processes at hand, for tests and benchmarks to look at after the run. */
public final class CapturedRuns implements FunctionFactory {
  private final IsolatedFunctions functions;
  private final List<IsolatedRun> runs = new CopyOnWriteArrayList<>();

  /** Runs {@code functions}, keeping each run. */
  public CapturedRuns(IsolatedFunctions functions) {
    this.functions = functions;
  }

  @Override
  public FunctionFactory forRun(Plan plan, ClassLoader jobClassLoader) {
    IsolatedRun run = functions.forRun(plan, jobClassLoader);
    runs.add(run);
    return run;
  }

  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    throw new IllegalStateException("call forRun first");
  }

  /** The last run. */
  public IsolatedRun last() {
    return runs.get(runs.size() - 1);
  }
}
