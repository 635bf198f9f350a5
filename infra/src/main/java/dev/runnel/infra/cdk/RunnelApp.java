package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code infra/cdk.json}): plans the job classes given as arguments, or in the {@code jobs} context
 * (comma-separated), or else the bundled examples, and synthesizes one {@link RunnelStack} of them, checked by
 * cdk-nag's AwsSolutions rules. Context: {@code stackName} (default {@value #DEFAULT_STACK}), {@code code} (the
 * function package jar, default the examples' package), {@code alarmTopicArn} (an SNS topic the alarms notify).
 */
public final class RunnelApp {
  /** The stack's default name. */
  public static final String DEFAULT_STACK = "runnel";
  /** The bundled example jobs, as examples/pom.xml plans them. */
  public static final List<String> EXAMPLE_JOBS = List.of(
      "dev.runnel.examples.orders.OrderRouting",
      "dev.runnel.examples.clicks.ClickCounts",
      "dev.runnel.examples.pageviews.PageViews",
      "dev.runnel.examples.hotitems.HotItems",
      "dev.runnel.examples.sessions.UserSessions",
      "dev.runnel.examples.comments.LiveComments",
      "dev.runnel.examples.moderation.ListingModeration",
      "dev.runnel.examples.rag.RagIndexer");

  private RunnelApp() {}

  public static void main(String[] args) {
    App app = new App();
    List<String> jobs = jobClasses(args, (String) app.getNode().tryGetContext("jobs"));
    DeploymentSettings settings = DeploymentSettings.DEFAULT;
    Object code = app.getNode().tryGetContext("code");
    if (code != null) {
      settings = settings.withCodeUri(code.toString());
    }
    Object name = app.getNode().tryGetContext("stackName");
    Object topic = app.getNode().tryGetContext("alarmTopicArn");
    stack(app, name == null ? DEFAULT_STACK : name.toString(), jobs, settings,
        topic == null || topic.toString().isBlank() ? null : topic.toString());
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }

  /** The stack of {@code jobClasses}' plans in {@code app}, alarms notifying {@code alarmTopicArn} (or null). */
  public static RunnelStack stack(App app, String stackName, List<String> jobClasses, DeploymentSettings settings,
      String alarmTopicArn) {
    List<Plan> plans = jobClasses.stream().map(Planner::plan).toList();
    List<StackModel> models = plans.stream().map(plan -> StackModel.of(plan, settings)).toList();
    StackProps props = StackProps.builder()
        .description("Runnel jobs " + String.join(", ", models.stream().map(StackModel::job).toList())
            + ": stages as Lambda functions fed by Kinesis, state in DynamoDB (CDK)")
        .build();
    return new RunnelStack(app, stackName, RunnelStackProps.of(props, models).withAlarmTopicArn(alarmTopicArn));
  }

  /** The job classes: the arguments, else the context's comma-separated list, else the examples. */
  static List<String> jobClasses(String[] args, String context) {
    if (args.length > 0) {
      return List.of(args);
    }
    if (context != null && !context.isBlank()) {
      return Arrays.stream(context.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return EXAMPLE_JOBS;
  }
}
