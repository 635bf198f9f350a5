package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.StackModel;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * A stack of one {@link RunnelJob} per stack model, each job's construct named after the job. Its parameters are the
 * model keys the jobs read from the environment (NoEcho) and each job's optional dead-letter key; the SNS topic of the
 * alarms is chosen at synth time.
 */
public class RunnelStack extends Stack {
  private final List<RunnelJob> jobs = new ArrayList<>();

  /** The stack {@code props} describe. */
  public RunnelStack(Construct scope, String id, RunnelStackProps props) {
    super(scope, id, props.stack());
    List<String> actions = props.alarmTopicArn() == null ? List.of() : List.of(props.alarmTopicArn());
    for (StackModel model : props.models()) {
      RunnelJobProps job = RunnelJobProps.of(model).withCode(props.code()).withAlarmActions(actions);
      jobs.add(new RunnelJob(this, LogicalIds.pascal(model.job()), job));
    }
  }

  /** The jobs, in the order given. */
  public List<RunnelJob> jobs() {
    return List.copyOf(jobs);
  }
}
