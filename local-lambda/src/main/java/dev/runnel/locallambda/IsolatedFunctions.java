package dev.runnel.locallambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.plan.Plan;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The local runner's functions run as Lambda runs them: each stage function instance (one per shard, as the event
 * source mapping keeps one warm environment per shard) and each stage's tick function in its own JVM through the AWS
 * Lambda runtime interface client. Give it to {@code RunOptions.withFunctions}; each run gets its own processes,
 * stopped when the run ends. See docs/local-lambda.md.
 *
 * @param sizing      the functions' memory and timeout
 * @param initTimeout how long a new process may take to start and initialise the handler (Lambda allows 10 s for
 *                    the init phase; a loaded laptop needs more)
 * @param faults      real process faults to inject ({@link ProcessFaults#NONE} but in the fault-injection harness)
 */
public record IsolatedFunctions(FunctionSizing sizing, Duration initTimeout, ProcessFaults faults)
    implements FunctionFactory {
  /** Sized as deployed by default, 60 s to start, no faults. */
  public static final IsolatedFunctions DEFAULT = new IsolatedFunctions(FunctionSizing.DEFAULT, Duration.ofSeconds(60),
      ProcessFaults.NONE);

  public IsolatedFunctions {
    Objects.requireNonNull(sizing, "sizing");
    Objects.requireNonNull(initTimeout, "initTimeout");
    Objects.requireNonNull(faults, "faults");
  }

  /** The same functions with another timeout, in seconds. */
  public IsolatedFunctions withTimeoutSeconds(int seconds) {
    return new IsolatedFunctions(sizing.withTimeoutSeconds(seconds), initTimeout, faults);
  }

  /** The same functions with these process faults. */
  public IsolatedFunctions withFaults(ProcessFaults processFaults) {
    return new IsolatedFunctions(sizing, initTimeout, processFaults);
  }

  @Override
  public IsolatedRun forRun(Plan plan, ClassLoader jobClassLoader) {
    return new IsolatedRun(plan, jobClassLoader, sizing, initTimeout, faults);
  }

  /** Not used: a run asks {@link #forRun} for the factory that owns its processes. */
  @Override
  public RequestHandler<KinesisEvent, StreamsEventResponse> create(String stageId, String shardId,
      StageResources resources, Function<StageResources, StageHandler> newHandler) {
    throw new IllegalStateException("isolated functions are created per run: call forRun(plan, classLoader) first");
  }
}
