package dev.runnel.deploytests.deploy;

import dev.runnel.deploytests.sam.CfnTemplate;
import dev.runnel.deploytests.sam.CodeLocation;
import dev.runnel.deploytests.sam.SamTranslator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Deploys a SAM template the way {@code sam deploy} does, offline: uploads the code package to S3, translates the
 * template with aws-sam-translator, creates the CloudFormation stack, waits for CREATE_COMPLETE and lists the
 * stack's resources. The stack keeps the translated template as written, before any backend workaround.
 */
public final class SamDeployment {
  private static final String CODE_BUCKET = "runnel-deployment-code";
  private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(3);

  private final CloudFormationClient cloudFormation;
  private final S3Client s3;
  private final SamTranslator translator;
  private final UnaryOperator<CfnTemplate> deployable;

  /** A deployment through these clients, translating with {@code translator}. */
  public SamDeployment(CloudFormationClient cloudFormation, S3Client s3, SamTranslator translator) {
    this(cloudFormation, s3, translator, UnaryOperator.identity());
  }

  /** A deployment that passes each translated template through {@code deployable} before creating the stack. */
  public SamDeployment(CloudFormationClient cloudFormation, S3Client s3, SamTranslator translator,
      UnaryOperator<CfnTemplate> deployable) {
    this.cloudFormation = cloudFormation;
    this.s3 = s3;
    this.translator = translator;
    this.deployable = deployable;
  }

  /**
   * Deploys {@code samTemplate} as the stack {@code stackName} and returns it once CREATE_COMPLETE.
   *
   * @throws IllegalStateException if the stack fails (the message lists the failed resources and why) or times out
   */
  public DeployedStack deploy(String stackName, Path samTemplate) {
    CodeLocation code = uploadCode(stackName);
    CfnTemplate template = translator.translate(samTemplate, code);
    String body = deployable.apply(template).body();
    try {
      cloudFormation.createStack(b -> b.stackName(stackName).templateBody(body).capabilities(
          Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM, Capability.CAPABILITY_AUTO_EXPAND));
    } catch (CloudFormationException e) {
      throw new IllegalStateException("CreateStack " + stackName + " refused: " + (e.awsErrorDetails() == null
          ? e.getMessage() : e.awsErrorDetails().rawResponse().asUtf8String()), e);
    }
    awaitCreated(stackName);
    return new DeployedStack(stackName, template, resources(stackName));
  }

  private CodeLocation uploadCode(String stackName) {
    try {
      s3.createBucket(b -> b.bucket(CODE_BUCKET));
    } catch (BucketAlreadyOwnedByYouException alreadyThere) {
      // an earlier deployment on the same backend made it
    }
    CodeLocation code = new CodeLocation(CODE_BUCKET, stackName + "/functions.zip");
    s3.putObject(b -> b.bucket(code.bucket()).key(code.key()), RequestBody.fromBytes(FunctionPackage.placeholder()));
    return code;
  }

  private void awaitCreated(String stackName) {
    long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
    while (true) {
      Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
      StackStatus status = stack.stackStatus();
      if (status == StackStatus.CREATE_COMPLETE) {
        return;
      }
      if (!status.toString().endsWith("_IN_PROGRESS")) {
        throw new IllegalStateException("stack " + stackName + " ended " + status + " (" + stack.stackStatusReason()
            + "); failed resources: " + failures(stackName));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stack " + stackName + " still " + status + " after " + CREATE_TIMEOUT);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private List<String> failures(String stackName) {
    return cloudFormation.describeStackEventsPaginator(b -> b.stackName(stackName)).stackEvents().stream()
        .filter(e -> e.resourceStatusAsString() != null && e.resourceStatusAsString().endsWith("FAILED"))
        .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).toList();
  }

  private List<StackResource> resources(String stackName) {
    List<StackResource> resources = new ArrayList<>();
    cloudFormation.listStackResourcesPaginator(b -> b.stackName(stackName)).stackResourceSummaries()
        .forEach(r -> resources.add(new StackResource(r.logicalResourceId(), r.resourceType(), r.physicalResourceId(),
            r.resourceStatusAsString())));
    return resources;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the stack", e);
    }
  }
}
