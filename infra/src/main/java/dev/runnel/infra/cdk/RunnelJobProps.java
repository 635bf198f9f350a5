package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.StackModel;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What a {@link RunnelJob} builds: a job's stack model, and the choices the model leaves to the renderer.
 *
 * @param model             the job's resources, from {@code StackModel.of(plan, settings)}
 * @param code              the function package every function runs, or null for {@link FunctionCode#of} of the
 *                          model's code URI (a jar on disk, uploaded as an asset)
 * @param alarmActions      the ARNs the alarms notify (may be a list token, e.g. a conditional parameter); empty: none
 * @param tableRemovalPolicy what happens to the tables (and their data) when the stack is deleted
 */
public record RunnelJobProps(StackModel model, Code code, List<String> alarmActions,
    RemovalPolicy tableRemovalPolicy) {

  public RunnelJobProps {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(alarmActions, "alarmActions");
    Objects.requireNonNull(tableRemovalPolicy, "tableRemovalPolicy");
  }

  /** The model with the default function package, no alarm actions, and tables retained on stack deletion. */
  public static RunnelJobProps of(StackModel model) {
    return new RunnelJobProps(model, null, List.of(), RemovalPolicy.RETAIN);
  }

  /** The same with another function package. */
  public RunnelJobProps withCode(Code code) {
    return new RunnelJobProps(model, code, alarmActions, tableRemovalPolicy);
  }

  /** The same with alarms notifying {@code actions}. */
  public RunnelJobProps withAlarmActions(List<String> actions) {
    return new RunnelJobProps(model, code, actions, tableRemovalPolicy);
  }

  /** The same with another removal policy for the tables. */
  public RunnelJobProps withTableRemovalPolicy(RemovalPolicy policy) {
    return new RunnelJobProps(model, code, alarmActions, policy);
  }
}
