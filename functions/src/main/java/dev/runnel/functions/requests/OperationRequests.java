package dev.runnel.functions.requests;

import java.util.Objects;

/**
 * Requests of one operation on one table or stream, and the capacity units DynamoDB reported for them.
 *
 * @param service    the SDK's service name, {@code DynamoDb} or {@code Kinesis}
 * @param operation  the API operation, for example {@code PutRecords} or {@code BatchGetItem}
 * @param target     the table or stream; several joined by {@code +}; empty when the request names none
 * @param requests   HTTP attempts sent, retries included
 * @param readUnits  read capacity units consumed (DynamoDB read operations)
 * @param writeUnits write capacity units consumed (DynamoDB write operations)
 * @param payloadUnits Kinesis PUT payload units sent (PutRecords and PutRecord): each record's data and partition
 *                   key in 25 KB units, rounded up per record, per attempt
 */
public record OperationRequests(String service, String operation, String target, long requests, double readUnits,
    double writeUnits, long payloadUnits) {
  /** The service name of DynamoDB requests. */
  public static final String DYNAMODB = "DynamoDb";
  /** The service name of Kinesis requests. */
  public static final String KINESIS = "Kinesis";

  /** Requests that sent no Kinesis payload. */
  public OperationRequests(String service, String operation, String target, long requests, double readUnits,
      double writeUnits) {
    this(service, operation, target, requests, readUnits, writeUnits, 0);
  }

  public OperationRequests {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(target, "target");
  }

  /** True when both count the same operation on the same target. */
  boolean sameAs(OperationRequests other) {
    return service.equals(other.service) && operation.equals(other.operation) && target.equals(other.target);
  }

  /** The sum of both counts of the same operation and target. */
  OperationRequests plus(OperationRequests other) {
    return new OperationRequests(service, operation, target, requests + other.requests, readUnits + other.readUnits,
        writeUnits + other.writeUnits, payloadUnits + other.payloadUnits);
  }
}
