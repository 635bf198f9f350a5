package dev.runnel.deploytests.readback;

import dev.runnel.plan.BatchingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

/** Reads every event source mapping through the Lambda API, with the stage of the function each one invokes. */
public final class DeployedMappings {
  /** The environment variable naming a function's stage. */
  public static final String STAGE_VARIABLE = "RUNNEL_STAGE";

  private final LambdaClient lambda;

  /** Reads through {@code lambda}. */
  public DeployedMappings(LambdaClient lambda) {
    this.lambda = lambda;
  }

  /** Every mapping of the account and region. */
  public List<DeployedMapping> all() {
    List<DeployedMapping> mappings = new ArrayList<>();
    for (EventSourceMappingConfiguration m : lambda.listEventSourceMappingsPaginator(b -> { }).eventSourceMappings()) {
      GetFunctionConfigurationResponse function = lambda.getFunctionConfiguration(b -> b.functionName(m.functionArn()));
      String stage = function.environment() == null ? null
          : function.environment().variables().get(STAGE_VARIABLE);
      mappings.add(new DeployedMapping(m.uuid(), function.functionName(), m.functionArn(), stage,
          m.eventSourceArn(), m.startingPositionAsString(), batching(m), orMinusOne(m.maximumRecordAgeInSeconds()),
          m.functionResponseTypes().contains(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES),
          m.destinationConfig() == null || m.destinationConfig().onFailure() == null ? null
              : m.destinationConfig().onFailure().destination(),
          m.state()));
    }
    return mappings;
  }

  /**
   * The batching of each stage's mapping, by stage id, as {@code RunOptions.withBatching} takes it.
   *
   * @throws IllegalStateException if a stage has more than one mapping
   */
  public static Map<String, BatchingSpec> batchingByStage(List<DeployedMapping> mappings) {
    Map<String, BatchingSpec> byStage = new LinkedHashMap<>();
    for (DeployedMapping mapping : mappings) {
      if (mapping.stage() != null && byStage.put(mapping.stage(), mapping.batching()) != null) {
        throw new IllegalStateException("stage " + mapping.stage() + " has more than one event source mapping");
      }
    }
    return byStage;
  }

  private static BatchingSpec batching(EventSourceMappingConfiguration m) {
    return new BatchingSpec(m.batchSize(), m.maximumBatchingWindowInSeconds() == null ? 0
        : m.maximumBatchingWindowInSeconds(), Boolean.TRUE.equals(m.bisectBatchOnFunctionError()),
        orMinusOne(m.maximumRetryAttempts()), m.parallelizationFactor() == null ? 1 : m.parallelizationFactor());
  }

  private static int orMinusOne(Integer value) {
    return value == null ? -1 : value;
  }
}
