package dev.runnel.functions.output;

/** The limits of the targets outputs write to, as Kinesis', Kafka's and DynamoDB's quotas state them. */
public final class SizeLimits {
  /** A Kinesis record: data plus partition key, 1 MiB (the default per-stream maximum). */
  public static final int KINESIS_RECORD_BYTES = 1024 * 1024;
  /** A Kinesis partition key, in Unicode characters. */
  public static final int KINESIS_PARTITION_KEY_CHARS = 256;
  /**
   * A Kafka record batch holding one record: the producer's {@code max.request.size} and about a broker's default
   * {@code message.max.bytes} (1 MiB; a topic may set a smaller {@code max.message.bytes}, which the broker enforces).
   */
  public static final int KAFKA_RECORD_BYTES = 1024 * 1024;
  /** What a Kafka batch and record add around key, value and headers, rounded up (batch header 61 bytes). */
  public static final int KAFKA_RECORD_OVERHEAD_BYTES = 128;
  /** A DynamoDB item, attribute names included. */
  public static final int DYNAMODB_ITEM_BYTES = 400 * 1024;
  /** A DynamoDB partition key value, in UTF-8 bytes. */
  public static final int DYNAMODB_PARTITION_KEY_BYTES = 2048;
  /** A DynamoDB sort key value, in UTF-8 bytes. */
  public static final int DYNAMODB_SORT_KEY_BYTES = 1024;
  /** A DynamoDB attribute name, in UTF-8 bytes. */
  public static final int DYNAMODB_ATTRIBUTE_NAME_BYTES = 65_535;
  /** How deep maps and lists may nest in a DynamoDB item. */
  public static final int DYNAMODB_NESTING_LEVELS = 32;
  /** Significant digits of a DynamoDB number. */
  public static final int DYNAMODB_NUMBER_DIGITS = 38;

  private SizeLimits() {}
}
