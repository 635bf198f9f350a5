package dev.runnel.functions.state;

import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateSpec;
import java.util.ArrayList;
import java.util.List;

/** The keyed states of one stage: their bindings, the current key, and the handles operators receive. */
public final class StageStates {
  private final List<StateBinding> bindings;
  private final CurrentKey current = new CurrentKey();

  private StageStates(List<StateBinding> bindings) {
    this.bindings = List.copyOf(bindings);
  }

  /** Resolves the stage's declared states. */
  public static StageStates of(StageSpec stage, JobClasses classes) {
    List<StateBinding> bindings = new ArrayList<>();
    for (StateSpec spec : stage.state()) {
      bindings.add(StateBinding.of(spec, classes));
    }
    return new StageStates(bindings);
  }

  /** Every state of the stage. */
  public List<StateBinding> bindings() {
    return bindings;
  }

  /** The key being processed. */
  public CurrentKey current() {
    return current;
  }

  /** The binding of state {@code name} of {@code operator}. */
  public StateBinding binding(String operator, String name) {
    return bindings.stream().filter(b -> b.spec().operator().equals(operator) && b.spec().name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException(
            "the plan declares no state '" + name + "' for operator " + operator + "; plan the job again"));
  }

  /** The handle an operator parameter receives for state {@code name}. */
  public Object handle(String operator, String name) {
    StateBinding binding = binding(operator, name);
    return switch (binding.spec().kind()) {
      case VALUE -> new ValueStateHandle<>(binding, current);
      case LIST -> new ListStateHandle<>(binding, current);
      case MAP -> new MapStateHandle<>(binding, current);
      case REDUCING -> new ReducingStateHandle<>(binding, current);
      case AGGREGATING -> new AggregatingStateHandle<>(binding, current);
      case WINDOW, TIMERS -> throw new IllegalStateException("state '" + name + "' of operator " + operator
          + " holds windows or timers, which no method parameter receives; plan the job again");
      case BROADCAST -> throw new IllegalStateException("state '" + name + "' of operator " + operator
          + " is a broadcast state, which is received as ReadOnlyBroadcastState or BroadcastState");
    };
  }

  /**
   * The broadcast state of {@code operator} as its keyed method reads it: the shard's, whatever the record's key
   * (docs/broadcast.md).
   */
  public dev.runnel.api.ReadOnlyBroadcastState<?, ?> readOnlyBroadcast(String operator) {
    return new ReadOnlyBroadcastStateHandle<>(binding(operator, "broadcast"), current);
  }

  /**
   * The broadcast state of {@code operator} as its {@code @OnBroadcast} method changes it: the current key's, which
   * is the shard's reserved broadcast key while a broadcast record is applied.
   */
  public dev.runnel.api.BroadcastState<?, ?> broadcast(String operator) {
    return new BroadcastStateHandle<>(binding(operator, "broadcast"), current);
  }

  /** Direct access to state {@code name} of {@code operator} (windows, timers), for Runnel's own operators. */
  public ValueStateAccess access(String operator, String name) {
    return new ValueStateAccess(binding(operator, name), current);
  }

  /** The running value of a {@code @Reduce} operator, read and written directly by that operator. */
  public ValueStateAccess reduction(String operator) {
    StateBinding binding = binding(operator, "reduce");
    return new ValueStateAccess(binding, current);
  }

  /** Direct access to one state of the current key, for Runnel's own operators. */
  public record ValueStateAccess(StateBinding binding, CurrentKey current) {
    /** The current key's value, or null. */
    public Object get() {
      return current.value(binding);
    }

    /** Sets the current key's value. */
    public void set(Object value) {
      current.put(binding, value);
    }
  }
}
