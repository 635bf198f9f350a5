package dev.runnel.functions.metrics;

/**
 * What an invocation costs at us-east-1 list prices (/work/shared/COST.md): the Lambda request and its duration at the
 * function's memory (x86), the DynamoDB capacity units reported (on demand), and a Kinesis PUT payload unit per record
 * written to a stream (records up to 25 KB). Model tokens are not priced (the plan does not know the provider's
 * price), nor shard-hours, storage or logs.
 */
public final class InvocationCost {
  static final double LAMBDA_REQUEST = 0.20 / 1e6;
  static final double LAMBDA_GB_SECOND = 0.0000166667;
  static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
  static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
  static final double KINESIS_PAYLOAD_UNIT = 0.014 / 1e6;

  private InvocationCost() {}

  /**
   * US dollars for one invocation of {@code durationMillis} at {@code memoryMb}, with the given DynamoDB capacity
   * units and Kinesis PUT payload units.
   */
  public static double usd(double durationMillis, int memoryMb, double readUnits, double writeUnits,
      long payloadUnits) {
    return LAMBDA_REQUEST + Math.ceil(durationMillis) / 1000.0 * memoryMb / 1024.0 * LAMBDA_GB_SECOND
        + readUnits * DYNAMODB_READ_UNIT + writeUnits * DYNAMODB_WRITE_UNIT + payloadUnits * KINESIS_PAYLOAD_UNIT;
  }
}
