package dev.runnel.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The Lambda handler an EventBridge schedule invokes once a period for a stage with windows or timers: it ticks every
 * shard of the stage, so windows and timers fire when no records arrive (docs/time.md). It reads the same environment
 * as {@link StageHandler}; the event's content is ignored.
 */
public final class StageTickHandler implements RequestHandler<Map<String, Object>, String> {
  private final StageHandler stage;

  /** For AWS Lambda: the stage from the environment, as {@link StageHandler#StageHandler()}. */
  public StageTickHandler() {
    this(new StageHandler());
  }

  /** A tick handler over an existing stage handler. */
  public StageTickHandler(StageHandler stage) {
    this.stage = stage;
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return stage.tick(context).describe();
  }
}
