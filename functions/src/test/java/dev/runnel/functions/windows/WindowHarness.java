package dev.runnel.functions.windows;

import dev.runnel.api.Windowed;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.operators.ProcessOperator.ReturnShape;
import dev.runnel.functions.state.CurrentKey;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates.ValueStateAccess;
import dev.runnel.functions.state.StateBinding;
import dev.runnel.functions.time.StageClock;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.WindowSpec;
import dev.runnel.statestore.timers.TimerEntry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One window operator over keys held as they are between batches: after every record and round each key's state is
 * encoded with the stage's codec and decoded again, as a cold instance would read it. The window method returns its
 * {@link Windowed} value, so what a window emitted is what it was given.
 */
final class WindowHarness {
  private static final long ARRIVAL = 1_700_000_000_000L;

  /** What one record did: its emissions, its late output, the timers it registered, or the dead letter it became. */
  record Applied(List<Object> emitted, List<Object> late, List<TimerEntry> registered, String deadLetter) {}

  private final StageClock clock = new StageClock();
  private final CurrentKey current = new CurrentKey();
  private final StateBinding binding;
  private final KeyStateCodec codec;
  private final WindowOperator operator;
  private final Map<String, byte[]> stored = new HashMap<>();

  /**
   * A harness for windows of {@code spec} keeping {@code contents}, stored as a window state whose contents have the
   * type {@code typeArguments} names (none for the built-in accumulator).
   */
  WindowHarness(WindowSpec spec, PaneContents contents, String function, String... typeArguments) {
    this.binding = StateBinding.of(new StateSpec("window", "w", StateKind.WINDOW, "state", List.of(typeArguments),
        function, 0), JobClasses.ofCurrentThread());
    this.codec = new KeyStateCodec(List.of(binding));
    this.operator = new WindowOperator("w", spec, contents, echo(), ReturnShape.ONE,
        new ValueStateAccess(binding, current), clock);
  }

  /** Applies {@code record} at event {@code time} to {@code key}, in a batch at {@code committed}, judged at {@code judging}. */
  Applied record(String key, long time, Object record, long committed, long judging) throws Throwable {
    clock.runAt(committed, ARRIVAL);
    clock.judgeAt(judging);
    clock.current(key, time, ARRIVAL);
    KeyState state = load(key);
    current.set(state, ARRIVAL);
    clock.drainRegistered();
    List<Object> out = new ArrayList<>();
    try {
      operator.apply(record, out);
    } catch (LateRecordException e) {
      clock.drainRegistered();
      current.clear();
      return new Applied(List.of(), List.of(), List.of(), e.getMessage());
    }
    current.clear();
    store(key, state);
    return new Applied(out, operator.drainLate(), clock.drainRegistered(), null);
  }

  /** Fires {@code key}'s due windows in a round at {@code watermark}. */
  List<WindowOperator.Fired> fire(String key, long watermark) throws Throwable {
    clock.runAt(watermark, ARRIVAL);
    clock.current(key, watermark, ARRIVAL);
    KeyState state = load(key);
    current.set(state, ARRIVAL);
    List<WindowOperator.Fired> fired = operator.fire(watermark, StageClock.NONE);
    current.clear();
    store(key, state);
    return fired;
  }

  /** Marks {@code key}'s due windows fired without running the method, as after the method threw. */
  void dropDue(String key, long watermark) {
    clock.runAt(watermark, ARRIVAL);
    clock.current(key, watermark, ARRIVAL);
    KeyState state = load(key);
    current.set(state, ARRIVAL);
    operator.dropDue(watermark, StageClock.NONE);
    current.clear();
    store(key, state);
  }

  /** The key's stored item as text. */
  String storedText(String key) {
    byte[] item = stored.get(key);
    return item == null ? null : new String(item, StandardCharsets.UTF_8);
  }

  /** Stores {@code text} as the key's item, as an earlier version wrote it. */
  void storeText(String key, String text) {
    stored.put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The key's decoded window state, or null. */
  WindowState<?> state(String key) {
    KeyState state = load(key);
    return (WindowState<?>) state.value(binding, ARRIVAL);
  }

  private KeyState load(String key) {
    byte[] item = stored.get(key);
    return item == null ? KeyState.empty(key) : codec.decode(key, null, item);
  }

  private void store(String key, KeyState state) {
    stored.put(key, codec.encode(state, ARRIVAL));
  }

  private static MethodHandle echo() {
    try {
      return MethodHandles.lookup().findStatic(WindowHarness.class, "echoed",
          MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object echoed(Object window) {
    return window;
  }
}
