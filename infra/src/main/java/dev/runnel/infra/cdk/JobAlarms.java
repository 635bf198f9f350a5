package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.AlarmMetric;
import dev.runnel.infra.stack.AlarmParameter;
import dev.runnel.infra.stack.AlarmResource;
import dev.runnel.infra.stack.AlarmValue;
import dev.runnel.infra.stack.DashboardResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.CfnDashboard;
import software.constructs.Construct;

/**
 * The model's CloudWatch alarms and dashboard, property for property as the SAM template has them, the alarms
 * notifying the given actions.
 */
final class JobAlarms {
  private JobAlarms() {}

  /**
   * The alarm of {@code alarm}; {@code actions} may be empty or a list token; {@code parameters} holds the values of
   * the stack's alarm parameters by logical id.
   */
  static CfnAlarm alarm(Construct scope, AlarmResource alarm, List<String> actions, Map<String, Number> parameters) {
    CfnAlarm.Builder builder = CfnAlarm.Builder.create(scope, alarm.logicalId())
        .alarmDescription(alarm.description());
    if (alarm.sums()) {
      builder.metrics(sumOf(alarm));
    } else {
      AlarmMetric metric = alarm.metric();
      builder.namespace(metric.namespace())
          .metricName(metric.metric())
          .dimensions(dimensions(metric))
          .statistic(alarm.statistic())
          .period(alarm.periodSeconds());
    }
    builder.evaluationPeriods(value(alarm.evaluationPeriods(), parameters))
        .threshold(value(alarm.threshold(), parameters))
        .comparisonOperator(alarm.comparison())
        .treatMissingData(alarm.treatMissingData());
    if (!actions.isEmpty()) {
      builder.alarmActions(actions);
    }
    CfnAlarm cfn = builder.build();
    cfn.overrideLogicalId(alarm.logicalId());
    return cfn;
  }

  /** The stack parameter {@code parameter}: a number at least its minimum, with its default. */
  static CfnParameter parameter(Construct scope, AlarmParameter parameter) {
    CfnParameter cfn = CfnParameter.Builder.create(scope, "Parameter")
        .type("Number")
        .defaultValue(parameter.defaultValue())
        .minValue(parameter.minValue())
        .description(parameter.description())
        .build();
    cfn.overrideLogicalId(parameter.logicalId());
    return cfn;
  }

  /** The job's dashboard, its body's region placeholder substituted. */
  static CfnDashboard dashboard(Construct scope, DashboardResource dashboard) {
    CfnDashboard cfn = CfnDashboard.Builder.create(scope, dashboard.logicalId())
        .dashboardName(dashboard.name())
        .dashboardBody(Fn.sub(dashboard.body()))
        .build();
    cfn.overrideLogicalId(dashboard.logicalId());
    return cfn;
  }

  /** The metric math of an alarm on a sum, as the SAM writer has it. */
  private static List<CfnAlarm.MetricDataQueryProperty> sumOf(AlarmResource alarm) {
    List<CfnAlarm.MetricDataQueryProperty> queries = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < alarm.metrics().size(); i++) {
      terms.add("FILL(m" + i + ",0)");
    }
    queries.add(CfnAlarm.MetricDataQueryProperty.builder().id("total").expression(String.join("+", terms))
        .label("sum").returnData(true).build());
    for (int i = 0; i < alarm.metrics().size(); i++) {
      AlarmMetric metric = alarm.metrics().get(i);
      queries.add(CfnAlarm.MetricDataQueryProperty.builder().id("m" + i)
          .metricStat(CfnAlarm.MetricStatProperty.builder()
              .metric(CfnAlarm.MetricProperty.builder().namespace(metric.namespace()).metricName(metric.metric())
                  .dimensions(dimensions(metric)).build())
              .period(alarm.periodSeconds()).stat(alarm.statistic()).build())
          .returnData(false).build());
    }
    return queries;
  }

  private static List<CfnAlarm.DimensionProperty> dimensions(AlarmMetric metric) {
    return metric.dimensions().entrySet().stream().map(d -> CfnAlarm.DimensionProperty.builder()
        .name(d.getKey()).value(d.getValue()).build()).toList();
  }

  private static Number value(AlarmValue value, Map<String, Number> parameters) {
    if (value instanceof AlarmValue.FromParameter parameter) {
      return parameters.get(parameter.parameter().logicalId());
    }
    return ((AlarmValue.Fixed) value).value();
  }
}
