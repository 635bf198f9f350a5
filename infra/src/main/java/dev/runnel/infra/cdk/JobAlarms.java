package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.AlarmResource;
import java.util.List;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.constructs.Construct;

/** The model's CloudWatch alarms, property for property, notifying the given actions. */
final class JobAlarms {
  private JobAlarms() {}

  /** The alarm of {@code alarm}; {@code actions} may be empty or a list token. */
  static CfnAlarm alarm(Construct scope, AlarmResource alarm, List<String> actions) {
    CfnAlarm.Builder builder = CfnAlarm.Builder.create(scope, alarm.logicalId())
        .alarmDescription(alarm.description())
        .namespace(alarm.namespace())
        .metricName(alarm.metric())
        .dimensions(List.of(CfnAlarm.DimensionProperty.builder()
            .name(alarm.dimension()).value(alarm.dimensionValue()).build()))
        .statistic(alarm.statistic())
        .period(alarm.periodSeconds())
        .evaluationPeriods(alarm.evaluationPeriods())
        .threshold(alarm.threshold())
        .comparisonOperator(alarm.comparison())
        .treatMissingData(alarm.treatMissingData());
    if (!actions.isEmpty()) {
      builder.alarmActions(actions);
    }
    CfnAlarm cfn = builder.build();
    cfn.overrideLogicalId(alarm.logicalId());
    return cfn;
  }
}
