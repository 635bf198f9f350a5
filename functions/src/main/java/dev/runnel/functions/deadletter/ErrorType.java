package dev.runnel.functions.deadletter;

import java.util.Locale;

/** Why a record was sent to the dead letters; stored lower-case in the {@code errorType} attribute. */
public enum ErrorType {
  /** The stage input's codec could not decode the payload. */
  DECODE,
  /** A user operator threw, or broke its contract (a map returning null, say). */
  OPERATOR,
  /** The key of an output record is missing, null, empty or too long. */
  KEY,
  /** An output record could not be encoded as JSON or as a table item. */
  ENCODE,
  /** An output record exceeds the size limit of its target. */
  OVERSIZE,
  /**
   * A source record's event time is missing, unreadable, or outside the accepted range (negative, or too far ahead of
   * its arrival).
   */
  EVENT_TIME,
  /** A record arrived later than the allowed lateness of its windows, and the window has no late node. */
  LATE,
  /** A model call failed after its retries (its error is the message), or its answer did not match the schema. */
  MODEL,
  /** The key's state, grown by this record, cannot be encoded, stored or read back (too large, say). */
  STATE,
  /** A service refused an output of this record for a reason retrying cannot fix (a validation error). */
  WRITE,
  /**
   * Every attempt at the record's batch failed for a reason not classified above, and narrowing the batch inside the
   * function found this record failing alone; dead-lettered after the job's bounded number of attempts.
   */
  ATTEMPTS,
  /** A local input line that could not become a record at all (over the stream's record size limit, say). */
  INPUT;

  /** The attribute value, e.g. {@code "decode"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
