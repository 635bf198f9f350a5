package dev.runnel.infra.stack;

import dev.runnel.plan.StreamRole;
import java.util.Objects;

/**
 * A Kinesis stream, provisioned, encrypted at rest with a KMS key.
 *
 * @param logicalId      its logical id in the stack
 * @param name           the stream name (the plan's)
 * @param shards         the shard count
 * @param role           why the job has it
 * @param retentionHours how long records are kept
 * @param kmsKeyId       the key of server-side encryption, {@link #AWS_MANAGED_KEY} by default
 */
public record StreamResource(String logicalId, String name, int shards, StreamRole role, int retentionHours,
    String kmsKeyId) {
  /** Kinesis's AWS-managed key: readers and writers need no KMS permissions of their own. */
  public static final String AWS_MANAGED_KEY = "alias/aws/kinesis";

  public StreamResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
  }
}
