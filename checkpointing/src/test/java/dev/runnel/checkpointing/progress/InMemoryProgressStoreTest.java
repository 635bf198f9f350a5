package dev.runnel.checkpointing.progress;

class InMemoryProgressStoreTest extends ProgressStoreContract {
  @Override
  protected ProgressStore newStore() {
    return new InMemoryProgressStore();
  }
}
