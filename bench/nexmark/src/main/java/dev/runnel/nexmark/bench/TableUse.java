package dev.runnel.nexmark.bench;

/**
 * What a run asked of one DynamoDB table.
 *
 * @param requests   requests of every kind
 * @param readUnits  read capacity units
 * @param writeUnits write capacity units
 */
record TableUse(long requests, long readUnits, long writeUnits) {
  /** What {@code meter} counted. */
  static TableUse of(TableMeter meter) {
    return new TableUse(meter.requests(), meter.readUnits(), meter.writeUnits());
  }

  /** Both together. */
  TableUse plus(TableUse other) {
    return new TableUse(requests + other.requests, readUnits + other.readUnits, writeUnits + other.writeUnits);
  }
}
