package dev.runnel.functions.operators;

import dev.runnel.functions.broadcast.BroadcastRecord;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * A {@code @KeyedProcess} with a broadcast input (docs/broadcast.md): a keyed record runs the keyed method, whose
 * {@code ReadOnlyBroadcastState} reads the shard's broadcast state; a {@link BroadcastRecord} runs the
 * {@code @OnBroadcast} method with the {@code BroadcastState}, and emits nothing.
 *
 * @param keyed       the keyed method, bound as any process operator
 * @param onBroadcast the {@code @OnBroadcast} method, typed {@code (Object, Object)void}: the rule and the state
 * @param state       the {@code BroadcastState} handle it receives
 */
public record BroadcastProcessOperator(ProcessOperator keyed, MethodHandle onBroadcast, Object state)
    implements Operator {

  @Override
  public String name() {
    return keyed.name();
  }

  @Override
  public void apply(Object record, List<Object> out) throws Throwable {
    if (record instanceof BroadcastRecord broadcast) {
      onBroadcast.invokeExact(broadcast.rule(), state);
    } else {
      keyed.apply(record, out);
    }
  }
}
