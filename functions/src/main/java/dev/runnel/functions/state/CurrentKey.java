package dev.runnel.functions.state;

/**
 * The key whose record is being processed, and that record's arrival time (the "now" of state TTLs, the same on
 * every replay). State handles read and write through it; the processor sets it before each record.
 */
public final class CurrentKey {
  private KeyState state;
  private long nowMillis;
  /** The shard's broadcast state's key in the current batch, or null (docs/broadcast.md). */
  private KeyState broadcast;

  /** Makes {@code state} current for a record that arrived at {@code arrivalMillis}. */
  public void set(KeyState state, long arrivalMillis) {
    this.state = state;
    this.nowMillis = arrivalMillis;
  }

  /**
   * Makes {@code state} the shard's broadcast state for the records of a batch, which read it whatever their own key
   * (null: the stage has none, or the batch is over).
   */
  public void broadcast(KeyState state) {
    this.broadcast = state;
  }

  /** The current value of the shard's broadcast state. */
  Object broadcastValue(StateBinding binding) {
    if (broadcast == null) {
      throw new IllegalStateException("broadcast state read outside the processing of a broadcast operator's batch");
    }
    return broadcast.value(binding, nowMillis);
  }

  /** Clears the current key after a record. */
  public void clear() {
    this.state = null;
  }

  /** The current key's state; fails outside a keyed record. */
  KeyState state() {
    if (state == null) {
      throw new IllegalStateException("keyed state used outside the processing of a keyed record");
    }
    return state;
  }

  /** The current record's arrival time. */
  long nowMillis() {
    return nowMillis;
  }

  /** The current value of a state. */
  Object value(StateBinding binding) {
    return state().value(binding, nowMillis);
  }

  /** Sets the current value of a state; null removes it. */
  void put(StateBinding binding, Object value) {
    state().put(binding, value, nowMillis);
  }
}
