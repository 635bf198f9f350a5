package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.EventSourceMapping;
import dev.runnel.infra.stack.TickSchedule;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** What invokes the functions: a Kinesis event source mapping per stage, an EventBridge rule per tick function. */
final class Triggers {
  private Triggers() {}

  /**
   * The mapping feeding {@code alias} from {@code streamArn}, every setting as the model has it, logical id
   * {@code <function>Input} as SAM names its {@code Input} event. The L1 resource: the L2 {@code EventSourceMapping}
   * refuses -1 (forever) for retries and record age, which exactly-once stages need, and its {@code SqsDlq} grants
   * the role queue actions beyond the model's {@code sqs:SendMessage}.
   */
  static CfnEventSourceMapping mapping(Construct scope, EventSourceMapping mapping, IFunction alias, String streamArn,
      String queueArn) {
    String logicalId = LogicalIds.mapping(mapping.functionLogicalId());
    CfnEventSourceMapping cfn = CfnEventSourceMapping.Builder.create(scope, logicalId)
        .functionName(alias.getFunctionArn())
        .eventSourceArn(streamArn)
        .startingPosition(mapping.startingPosition())
        .batchSize(mapping.batchSize())
        .maximumBatchingWindowInSeconds(mapping.batchingWindowSeconds())
        .bisectBatchOnFunctionError(mapping.bisectOnError())
        .maximumRetryAttempts(mapping.maximumRetryAttempts())
        .maximumRecordAgeInSeconds(mapping.maximumRecordAgeSeconds())
        .parallelizationFactor(mapping.parallelizationFactor())
        .functionResponseTypes(mapping.functionResponseTypes())
        .destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
            .onFailure(CfnEventSourceMapping.OnFailureProperty.builder().destination(queueArn).build())
            .build())
        .build();
    cfn.overrideLogicalId(logicalId);
    return cfn;
  }

  /** The rule invoking {@code alias} on the schedule's rate (with the permission letting EventBridge invoke it). */
  static Rule tick(Construct scope, TickSchedule schedule, IFunction alias) {
    Rule rule = Rule.Builder.create(scope, schedule.logicalId())
        .schedule(Schedule.expression(schedule.expression()))
        .description("Ticks " + schedule.functionLogicalId() + " so windows and timers fire on a quiet stream")
        .targets(List.of(new LambdaFunction(alias)))
        .build();
    ((CfnResource) rule.getNode().getDefaultChild()).overrideLogicalId(schedule.logicalId());
    return rule;
  }
}
