package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * The CloudWatch dashboard of one job (docs/deployment.md, "Dashboard").
 *
 * @param logicalId its logical id in the stack
 * @param name      the dashboard's name, the job's
 * @param body      the dashboard body (JSON); {@link #REGION} stands for the stack's region, which renderers substitute
 *                  ({@code Fn::Sub})
 */
public record DashboardResource(String logicalId, String name, String body) {
  /** The placeholder of the stack's region in {@link #body()}, as {@code Fn::Sub} writes it. */
  public static final String REGION = "${AWS::Region}";

  public DashboardResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
  }
}
