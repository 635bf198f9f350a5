package dev.runnel.nexmark.bench;

/**
 * What one DynamoDB table of the protocol would have been asked: requests, and capacity units by DynamoDB's rules
 * (a write unit per started KB of the larger of the item before and after, a strongly consistent read unit per
 * started 4 KB, a Query's items summed before rounding, BatchWriteItem 25 items a request).
 */
final class TableMeter {
  /** Items per BatchWriteItem. */
  static final int BATCH_WRITE_ITEMS = 25;
  private long requests;
  private long readUnits;
  private long writeUnits;

  /** One single-item write of an item of {@code bytes} (the larger of before and after). */
  void write(long bytes) {
    requests++;
    writeUnits += Math.max(1, (bytes + 1023) / 1024);
  }

  /** One strongly consistent read (GetItem, or a Query returning {@code bytes} in all). */
  void read(long bytes) {
    requests++;
    readUnits += Math.max(1, (bytes + 4095) / 4096);
  }

  /** BatchWriteItem of {@code items} small items (puts or deletes), each under 1 KB. */
  void batchWrite(int items) {
    requests += (items + BATCH_WRITE_ITEMS - 1) / BATCH_WRITE_ITEMS;
    writeUnits += items;
  }

  long requests() {
    return requests;
  }

  long readUnits() {
    return readUnits;
  }

  long writeUnits() {
    return writeUnits;
  }
}
