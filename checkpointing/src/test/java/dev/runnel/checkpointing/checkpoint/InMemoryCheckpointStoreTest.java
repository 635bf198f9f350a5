package dev.runnel.checkpointing.checkpoint;

class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
  @Override
  protected CheckpointStore newStore() {
    return new InMemoryCheckpointStore();
  }
}
