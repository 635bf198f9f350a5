package dev.runnel.functions.inference;

import dev.runnel.functions.StageResources;
import dev.runnel.functions.operators.BoundStage;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.ratelimit.DynamoDbTokenBucket;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.inference.results.AnswerClaims;
import dev.runnel.inference.results.DynamoDbAnswerClaims;
import dev.runnel.inference.results.DynamoDbInferenceResultStore;
import dev.runnel.inference.results.InferenceResultStore;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelSpec;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Builds the inference phase of a stage from its plan: the answer store, the rate limits and a caller per operator. */
public final class ModelStage {
  private ModelStage() {}

  /**
   * The inference phase of {@code stage}, whose bound operators include inference operators and read their answers
   * from {@code answers}.
   *
   * @param answersOverride the answer store to use instead of the plan's table (tests), or null
   */
  public static InferencePhase phase(Plan plan, StageSpec stage, BoundStage bound, StageResources resources,
      Clock clock, InferenceCounters counters, BatchAnswers answers, InferenceResultStore answersOverride) {
    InferenceResultStore store = answersOverride != null ? answersOverride : new DynamoDbInferenceResultStore(
        resources.dynamoDb(), table(plan, TableRole.INFERENCE_RESULTS), Duration.ofSeconds(keepSeconds(stage)), clock);
    ModelAccess access = resources.models();
    ModelEnvironment environment = new ModelEnvironment(access.variables(), access.secrets(),
        rateLimits(plan, resources, clock), access.region(), access.credentials(), counters);
    List<InferencePhase.Binding> bindings = new ArrayList<>();
    for (InferenceOperator operator : bound.inference()) {
      OperatorSpec spec = stage.operators().stream().filter(o -> o.name().equals(operator.name())).findFirst()
          .orElseThrow();
      ModelSpec model = plan.model(spec.inference().model()).orElseThrow();
      bindings.add(new InferencePhase.Binding(operator, ModelCallers.create(model, spec.inference().task(),
          spec.inference().outputSchema(), environment, access.clients())));
    }
    AnswerClaims claims = answersOverride != null ? AnswerClaims.NONE : new DynamoDbAnswerClaims(resources.dynamoDb(),
        table(plan, TableRole.INFERENCE_RESULTS), clock);
    return new InferencePhase(stage.id(), bound.chain(), bindings, store, counters, answers, resources.observer(),
        claims, lease(plan, stage).toMillis());
  }

  /**
   * How long a claim on a prompt holds: twice every attempt at it (timeout × (1 + retries)) of the stage's slowest
   * model, at least a minute and at most Lambda's longest invocation (15 minutes).
   */
  private static Duration lease(Plan plan, StageSpec stage) {
    long millis = stage.operators().stream().filter(o -> o.inference() != null)
        .map(o -> plan.model(o.inference().model()).orElseThrow().limits())
        .mapToLong(l -> 2 * l.timeoutMillis() * (1L + l.maxRetries())).max().orElse(0);
    return Duration.ofMillis(Math.max(60_000, Math.min(millis, 15 * 60_000)));
  }

  /** The shared rate limiter of each model with limits, created on first use; none for a model without. */
  private static Function<String, RateLimiter> rateLimits(Plan plan, StageResources resources, Clock clock) {
    Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    return name -> limiters.computeIfAbsent(name, model -> {
      ModelLimits limits = plan.model(model).orElseThrow(() -> new IllegalArgumentException(
          "the plan has no model " + model)).limits();
      // stand-ins for the models (a test's stubs) have no quota to protect
      if (limits.requestsPerMinute() == 0 && limits.tokensPerMinute() == 0 || !resources.models().callsProviders()) {
        return RateLimiter.NONE;
      }
      return new DynamoDbTokenBucket(resources.dynamoDb(), table(plan, TableRole.RATE_LIMITS), model,
          limits.requestsPerMinute(), limits.tokensPerMinute(), clock);
    });
  }

  private static long keepSeconds(StageSpec stage) {
    return stage.operators().stream().filter(o -> o.inference() != null)
        .mapToLong(o -> o.inference().keepResultsSeconds()).max().orElse(Duration.ofDays(8).toSeconds());
  }

  private static String table(Plan plan, TableRole role) {
    return plan.tables(role).stream().findFirst().orElseThrow(() -> new IllegalStateException("the plan of job '"
        + plan.job() + "' has no " + role + " table; plan the job again")).name();
  }
}
