package dev.runnel.functions.output;

/** The size limits of the targets outputs write to. */
public final class SizeLimits {
  /** A Kinesis record: data plus partition key, 1 MiB (the default per-stream maximum). */
  public static final int KINESIS_RECORD_BYTES = 1024 * 1024;
  /** A Kinesis partition key, in Unicode characters. */
  public static final int KINESIS_PARTITION_KEY_CHARS = 256;
  /** A DynamoDB item, attribute names included. */
  public static final int DYNAMODB_ITEM_BYTES = 400 * 1024;

  private SizeLimits() {}
}
