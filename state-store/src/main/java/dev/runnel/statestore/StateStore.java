package dev.runnel.statestore;

import dev.runnel.statestore.metering.StateStoreCounters;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Loads and conditionally writes keyed state, one optimistic version per {@link StateKey}.
 *
 * <p>The contract, for every implementation:
 * <ul>
 *   <li>Reads are strongly consistent: a load sees every write that returned before it started.</li>
 *   <li>A write is atomic per key and conditional on the key's version: it is applied whole if the key is at its
 *       {@link StateWrite#expectedVersion()} (or, when that is null, absent or expired), and otherwise not at all and
 *       reported as a conflict. There is no atomicity across keys.</li>
 *   <li>The writes of one call to different keys are applied in an unspecified order, possibly concurrently.</li>
 *   <li>A state whose expiry has passed is absent: not loaded, and a write expecting null may replace it.</li>
 *   <li>A conflict can also be reported for a write that was applied but whose answer was lost and retried; a reload
 *       then shows the written version.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface StateStore {

  /**
   * The stored states of {@code keys}; absent and expired keys are missing from the map. Duplicate keys are read once.
   */
  Map<StateKey, StoredState> load(Collection<StateKey> keys);

  /**
   * Applies {@code writes}, at most one per key (a repeated key is rejected with IllegalArgumentException before
   * anything is written), and names the keys whose condition failed. If it throws, any subset of the other writes
   * may have been applied, each still whole or not at all.
   *
   * @throws StateTooLargeException if a value cannot be stored at all; nothing is written then
   */
  WriteOutcome write(List<StateWrite> writes);

  /** What this store has asked of DynamoDB so far (for the in-memory store: what it would have asked). */
  StateStoreCounters counters();
}
