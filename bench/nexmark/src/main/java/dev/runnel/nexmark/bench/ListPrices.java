package dev.runnel.nexmark.bench;

/**
 * Dollars per million events of a run at list prices (us-east-1, /work/shared/COST.md): Lambda x86 at 1,024 MB billed
 * for the measured CPU time (parsing included) and per request, DynamoDB on demand, Kinesis provisioned shards over
 * the time a million events take at a steady {@link #EVENTS_PER_SECOND} plus PUT payload units.
 */
final class ListPrices {
  /** The steady rate the shard-hours are priced at. */
  static final double EVENTS_PER_SECOND = 1_000;
  static final double LAMBDA_GB_SECOND = 0.0000166667;
  static final double LAMBDA_GB = 1.0;
  static final double LAMBDA_REQUEST = 0.20 / 1e6;
  static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
  static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
  static final double KINESIS_SHARD_HOUR = 0.015;
  static final double KINESIS_PAYLOAD_UNIT = 0.014 / 1e6;

  private ListPrices() {}

  /** Lambda: duration and requests, per million events. */
  static double lambda(RunFigures run) {
    double perEvent = (run.functionCpuNanos() + run.parsingCpuNanos()) / 1e9 * LAMBDA_GB * LAMBDA_GB_SECOND
        + run.invocations() * LAMBDA_REQUEST;
    return perEvent / run.settings().events() * 1e6;
  }

  /** DynamoDB write and read units, per million events. */
  static double dynamoDb(RunFigures run) {
    return (run.dynamoDb().writeUnits() * DYNAMODB_WRITE_UNIT + run.dynamoDb().readUnits() * DYNAMODB_READ_UNIT)
        / run.settings().events() * 1e6;
  }

  /** Kinesis shard-hours at the steady rate and PUT payload units, per million events. */
  static double kinesis(RunFigures run) {
    return kinesis(run, run.shards(), run.payloadUnits());
  }

  /** All of it, per million events. */
  static double total(RunFigures run) {
    return lambda(run) + dynamoDb(run) + kinesis(run);
  }

  /**
   * What the processing costs beside the source and sink streams, per million events: all of it but their
   * shard-hours and the sink's PUT payload units, which a Flink job reading and writing Kinesis pays too. The figure
   * to set beside Managed Flink's KPU-hours.
   */
  static double processing(RunFigures run) {
    return lambda(run) + dynamoDb(run) + kinesis(run, run.internal().shards(), run.internal().payloadUnits());
  }

  private static double kinesis(RunFigures run, int shards, long payloadUnits) {
    double hours = 1e6 / EVENTS_PER_SECOND / 3600;
    return shards * KINESIS_SHARD_HOUR * hours + payloadUnits * KINESIS_PAYLOAD_UNIT / run.settings().events() * 1e6;
  }
}
