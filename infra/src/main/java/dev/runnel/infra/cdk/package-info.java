/**
 * The CDK form of a job's deployment: {@link dev.runnel.infra.cdk.RunnelJob}, a construct building exactly the
 * resources of a {@link dev.runnel.infra.stack.StackModel} (the model the SAM writer renders too),
 * {@link dev.runnel.infra.cdk.RunnelStack} holding one per plan, and the CDK app
 * {@link dev.runnel.infra.cdk.RunnelApp}.
 */
package dev.runnel.infra.cdk;
