package dev.runnel.sinkreader;

/** The handler threw on a record: delivery on that shard stopped before the record, which was not checkpointed. */
public final class RecordHandlingException extends RuntimeException {
  private final String shardId;
  private final String sequenceNumber;

  /** The handler's failure {@code cause} on the record at {@code sequenceNumber} of {@code shardId}. */
  public RecordHandlingException(String shardId, String sequenceNumber, RuntimeException cause) {
    super("the record handler failed on shard " + shardId + " at sequence number " + sequenceNumber
        + "; delivery on this shard stopped before that record", cause);
    this.shardId = shardId;
    this.sequenceNumber = sequenceNumber;
  }

  /** The shard whose delivery stopped. */
  public String shardId() {
    return shardId;
  }

  /** The sequence number of the record the handler failed on; it will be delivered again after a restart. */
  public String sequenceNumber() {
    return sequenceNumber;
  }
}
