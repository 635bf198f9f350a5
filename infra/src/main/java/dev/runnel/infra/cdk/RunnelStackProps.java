package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.StackModel;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What a {@link RunnelStack} holds.
 *
 * @param stack         the CDK stack properties (environment, description, tags)
 * @param models        one stack model per job
 * @param code          the function package of every job, or null for each model's code URI
 * @param alarmTopicArn the SNS topic the alarms notify, or null for none
 */
public record RunnelStackProps(StackProps stack, List<StackModel> models, Code code, String alarmTopicArn) {
  public RunnelStackProps {
    Objects.requireNonNull(stack, "stack");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a Runnel stack needs at least one job");
    }
  }

  /** The stack of {@code models}, each job's code from its model, alarms notifying nobody. */
  public static RunnelStackProps of(StackProps stack, List<StackModel> models) {
    return new RunnelStackProps(stack, models, null, null);
  }

  /** The same with every function running {@code code}. */
  public RunnelStackProps withCode(Code code) {
    return new RunnelStackProps(stack, models, code, alarmTopicArn);
  }

  /** The same with alarms notifying {@code topicArn} (null for none). */
  public RunnelStackProps withAlarmTopicArn(String topicArn) {
    return new RunnelStackProps(stack, models, code, topicArn);
  }
}
