package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;

/**
 * A stack parameter naming an optional customer-managed KMS key by ARN: empty (the default) keeps the AWS-owned key;
 * set, the resources it protects are encrypted with it and the functions may use it, under {@code condition}.
 *
 * @param logicalId   the parameter's name
 * @param condition   the stack condition that holds when the parameter is set
 * @param description what the key protects
 */
public record KmsKeyParameter(String logicalId, String condition, String description) {
  /** A key ARN, or empty: IAM grants on a key by its ARN, never by an alias. */
  public static final String ALLOWED_PATTERN = "^$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$";
  /** What the parameter takes, said when a value does not match {@link #ALLOWED_PATTERN}. */
  public static final String CONSTRAINT = "the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>), or empty";
  /** What a function using the key may do: the data key calls DynamoDB makes on its behalf. */
  public static final List<String> ACTIONS = List.of("kms:Decrypt", "kms:Encrypt",
      "kms:GenerateDataKey");

  public KmsKeyParameter {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(description, "description");
  }

  /** The key of job {@code job}'s dead-letter table. */
  static KmsKeyParameter deadLetters(String job) {
    return new KmsKeyParameter(LogicalIds.deadLetterKeyParameter(job), LogicalIds.deadLetterKeyCondition(job),
        "The ARN of a customer-managed KMS key encrypting " + job + "'s dead letters (record payloads); empty for "
            + "the AWS-owned key. The key policy must let DynamoDB and the stage functions' roles use it.");
  }
}
