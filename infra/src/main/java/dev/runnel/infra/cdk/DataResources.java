package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.QueueResource;
import dev.runnel.infra.stack.StreamResource;
import dev.runnel.infra.stack.TableResource;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The streams, tables and dead-letter queue of a model, each exactly as the model describes it. */
final class DataResources {
  private DataResources() {}

  /**
   * A provisioned stream with server-side encryption under the model's key. The L1 resource, because the L2
   * {@code Stream} takes a key object rather than the model's key id and adds a region condition SAM lacks.
   */
  static CfnStream stream(Construct scope, StreamResource stream) {
    CfnStream cfn = CfnStream.Builder.create(scope, "Resource")
        .name(stream.name())
        .shardCount(stream.shards())
        .retentionPeriodHours(stream.retentionHours())
        .streamModeDetails(CfnStream.StreamModeDetailsProperty.builder().streamMode("PROVISIONED").build())
        .streamEncryption(CfnStream.StreamEncryptionProperty.builder()
            .encryptionType("KMS").keyId(stream.kmsKeyId()).build())
        .build();
    cfn.overrideLogicalId(stream.logicalId());
    return cfn;
  }

  /**
   * An on-demand table with string keys, point-in-time recovery and TTL as the model says, encrypted with the key of
   * its key parameter when that is set (its condition must be in the stack).
   */
  static Table table(Construct scope, TableResource table, RemovalPolicy removalPolicy) {
    Table.Builder builder = Table.Builder.create(scope, "Resource")
        .tableName(table.name())
        .partitionKey(Attribute.builder().name(table.partitionKey()).type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST) // TableResource.BILLING_MODE, the only one the model has
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(table.pointInTimeRecovery()).build())
        .removalPolicy(removalPolicy);
    table.sortKeyAttribute().ifPresent(sort ->
        builder.sortKey(Attribute.builder().name(sort).type(AttributeType.STRING).build()));
    table.ttl().ifPresent(builder::timeToLiveAttribute);
    Table built = builder.build();
    CfnResource cfn = (CfnResource) built.getNode().getDefaultChild();
    cfn.overrideLogicalId(table.logicalId());
    // The L2 table takes a key object; the model's key is a parameter that may be empty, so the property is raw.
    table.key().ifPresent(key -> cfn.addPropertyOverride("SSESpecification", Fn.conditionIf(key.condition(),
        Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", Fn.ref(key.logicalId())), Aws.NO_VALUE)));
    return built;
  }

  /** The dead-letter queue: SQS-managed encryption, TLS required by its queue policy. */
  static Queue queue(Construct scope, QueueResource queue) {
    Queue built = Queue.Builder.create(scope, queue.logicalId())
        .queueName(queue.name())
        .retentionPeriod(Duration.seconds(queue.retentionSeconds()))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .build();
    ((CfnResource) built.getNode().getDefaultChild()).overrideLogicalId(queue.logicalId());
    return built;
  }
}
