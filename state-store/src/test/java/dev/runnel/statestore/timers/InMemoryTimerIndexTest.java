package dev.runnel.statestore.timers;

/** The timer index contract in memory. */
class InMemoryTimerIndexTest extends TimerIndexContract {
  @Override
  protected TimerIndex newIndex() {
    return new InMemoryTimerIndex();
  }
}
