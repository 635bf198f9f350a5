package dev.runnel.functions.requests;

/**
 * Requests and capacity units summed over several operations or targets.
 *
 * @param requests   HTTP attempts sent, retries included
 * @param readUnits  read capacity units DynamoDB reported
 * @param writeUnits write capacity units DynamoDB reported
 */
public record RequestTotals(long requests, double readUnits, double writeUnits) {
  /** Nothing. */
  public static final RequestTotals NONE = new RequestTotals(0, 0, 0);

  /** The sum of both. */
  public RequestTotals plus(RequestTotals other) {
    return new RequestTotals(requests + other.requests, readUnits + other.readUnits, writeUnits + other.writeUnits);
  }
}
