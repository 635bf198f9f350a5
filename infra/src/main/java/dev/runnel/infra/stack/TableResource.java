package dev.runnel.infra.stack;

import dev.runnel.plan.TableRole;
import java.util.Objects;
import java.util.Optional;

/**
 * A DynamoDB table: string keys, on-demand capacity ({@code PAY_PER_REQUEST}), point-in-time recovery, and a TTL
 * attribute where the runtime writes one.
 *
 * @param logicalId           its logical id in the stack
 * @param name                the table name (the plan's)
 * @param role                why the job has it
 * @param partitionKey        the partition key attribute, a string
 * @param sortKey             the sort key attribute, a string, or null for none
 * @param ttlAttribute        the attribute DynamoDB's TTL deletes items by (epoch seconds), or null for none
 * @param pointInTimeRecovery whether continuous backups are on
 * @param kmsKey              the parameter of an optional customer-managed key encrypting it, or null for the
 *                            AWS-owned key always
 */
public record TableResource(String logicalId, String name, TableRole role, String partitionKey, String sortKey,
    String ttlAttribute, boolean pointInTimeRecovery, KmsKeyParameter kmsKey) {
  /** The only billing mode Runnel deploys: pay per request, nothing while idle. */
  public static final String BILLING_MODE = "PAY_PER_REQUEST";

  public TableResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(partitionKey, "partitionKey");
  }

  /** The sort key attribute, if the table has one. */
  public Optional<String> sortKeyAttribute() {
    return Optional.ofNullable(sortKey);
  }

  /** The parameter of the customer-managed key that may encrypt this table. */
  public Optional<KmsKeyParameter> key() {
    return Optional.ofNullable(kmsKey);
  }

  /** The TTL attribute, if the runtime writes one to this table. */
  public Optional<String> ttl() {
    return Optional.ofNullable(ttlAttribute);
  }
}
