package dev.runnel.functions;

import dev.runnel.plan.StateLayout;

/** Every poison isolation test with the keyed stage's state in a shard state log (docs/state-log.md). */
class PoisonIsolationLogLayoutTest extends PoisonIsolationTest {
  @Override
  StateLayout layout() {
    return StateLayout.LOG;
  }
}
