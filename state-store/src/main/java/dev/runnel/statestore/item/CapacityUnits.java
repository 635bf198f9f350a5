package dev.runnel.statestore.item;

/** DynamoDB's capacity rules for one item: writes per started KB, strongly consistent reads per started 4 KB. */
public final class CapacityUnits {
  private CapacityUnits() {}

  /** Write units to put or delete an item of {@code itemBytes} (at least 1); a transaction pays twice this. */
  public static long write(long itemBytes) {
    return Math.max(1, (itemBytes + 1023) / 1024);
  }

  /** Read units for a strongly consistent read of an item of {@code itemBytes}; a missing item still costs 1. */
  public static long strongRead(long itemBytes) {
    return Math.max(1, (itemBytes + 4095) / 4096);
  }
}
