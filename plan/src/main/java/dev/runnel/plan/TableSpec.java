package dev.runnel.plan;

import java.util.Objects;

/**
 * A DynamoDB table of the job.
 *
 * @param name         the table name
 * @param role         why the job has it
 * @param partitionKey the partition (hash) key attribute, a string
 * @param sortKey      the sort (range) key attribute, a string, or null for none
 * @param ttlAttribute the attribute every item carries its expiry in (epoch seconds, DynamoDB's TTL deletes the item
 *                     after it), or null for none; the dead-letter table always has one ({@link #DEAD_LETTER_TTL})
 * @param ttlSeconds   how long after it is written an item expires, positive; null exactly when {@code ttlAttribute} is
 */
public record TableSpec(String name, TableRole role, String partitionKey, String sortKey, String ttlAttribute,
    Long ttlSeconds) {
  /** The TTL attribute of dead letters. */
  public static final String DEAD_LETTER_TTL = "expiresAt";
  /** How long dead letters are kept unless the job says otherwise ({@code @StreamingJob(deadLetterRetention)}). */
  public static final long DEFAULT_DEAD_LETTER_TTL_SECONDS = 14L * 24 * 3600;

  /**
   * Checks the fields; a dead-letter table without a TTL (a plan written before dead letters expired) gets
   * {@link #DEAD_LETTER_TTL} and {@link #DEFAULT_DEAD_LETTER_TTL_SECONDS}.
   */
  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(partitionKey, "partitionKey");
    if (role == TableRole.DEAD_LETTER && ttlAttribute == null && ttlSeconds == null) {
      ttlAttribute = DEAD_LETTER_TTL;
      ttlSeconds = DEFAULT_DEAD_LETTER_TTL_SECONDS;
    }
    if ((ttlAttribute == null) != (ttlSeconds == null) || (ttlSeconds != null && ttlSeconds <= 0)) {
      throw new IllegalArgumentException("table " + name + ": a TTL attribute needs a positive ttlSeconds, "
          + "and ttlSeconds a TTL attribute");
    }
  }

  /** A table whose items never expire (or, for the dead-letter table, expire after the default retention). */
  public TableSpec(String name, TableRole role, String partitionKey, String sortKey) {
    this(name, role, partitionKey, sortKey, null, null);
  }

  /** The same table with items expiring {@code seconds} after they are written, in {@code attribute}. */
  public TableSpec withTtl(String attribute, Long seconds) {
    return new TableSpec(name, role, partitionKey, sortKey, attribute, seconds);
  }
}
