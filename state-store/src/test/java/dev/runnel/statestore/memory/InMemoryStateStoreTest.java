package dev.runnel.statestore.memory;

import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateStoreContract;
import java.time.Clock;

/** The state store contract in memory. */
class InMemoryStateStoreTest extends StateStoreContract {

  @Override
  protected StateStore newStore(Clock clock) {
    return new InMemoryStateStore(clock);
  }
}
