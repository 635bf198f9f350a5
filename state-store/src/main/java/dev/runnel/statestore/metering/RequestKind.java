package dev.runnel.statestore.metering;

/** The DynamoDB API calls a state store makes. */
public enum RequestKind {
  /** Loads, up to 100 keys per request. */
  BATCH_GET_ITEM,
  /** Reads the head of a chunked state before replacing it (rare path). */
  GET_ITEM,
  /** One conditional write of a state that fits one item. */
  PUT_ITEM,
  /** One conditional delete, or the removal of a stale chunk. */
  DELETE_ITEM,
  /** One atomic write of a state split into chunk items (rare path). */
  TRANSACT_WRITE_ITEMS
}
