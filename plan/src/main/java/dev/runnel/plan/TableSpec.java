package dev.runnel.plan;

import java.util.Objects;

/**
 * A DynamoDB table of the job.
 *
 * @param name         the table name
 * @param role         why the job has it
 * @param partitionKey the partition (hash) key attribute, a string
 * @param sortKey      the sort (range) key attribute, a string, or null for none
 */
public record TableSpec(String name, TableRole role, String partitionKey, String sortKey) {
  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(partitionKey, "partitionKey");
  }
}
