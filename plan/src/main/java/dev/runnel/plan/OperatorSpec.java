package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One user operator inside a stage.
 *
 * @param name       the operator's node name (its method name), unique in the job
 * @param kind       what the method does with a record
 * @param method     the method of the job class to call
 * @param from       the node it reads: the stage input's node or an earlier operator of the same stage
 * @param inputType  the fully qualified class of its parameter
 * @param outputType the fully qualified class of the records it emits
 * @param window     for a {@code window} operator, its windows; otherwise null
 * @param onTimer    for a {@code process} operator that registers timers, the method that handles them; otherwise null
 * @param inference  for an {@code inference} operator, what it asks of which model; otherwise null
 * @param alsoFrom   for a union, the other nodes of the same stage it reads besides {@code from}; empty (absent from
 *                   the JSON plan) otherwise
 * @param join       for a {@code window-join} operator, its two inputs; otherwise null (absent)
 * @param broadcast  for a {@code process} operator reading a broadcast input, that input and its state; otherwise
 *                   null (absent)
 */
public record OperatorSpec(
    String name, OperatorKind kind, String method, String from, String inputType, String outputType,
    WindowSpec window, String onTimer, InferenceSpec inference,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) JoinSpec join,
    @JsonInclude(JsonInclude.Include.NON_NULL) BroadcastSpec broadcast) {
  /** An operator reading no broadcast input. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType, WindowSpec window, String onTimer, InferenceSpec inference, List<String> alsoFrom,
      JoinSpec join) {
    this(name, kind, method, from, inputType, outputType, window, onTimer, inference, alsoFrom, join, null);
  }

  /** A process operator reading its stage's input of keyed and broadcast records (docs/broadcast.md). */
  public OperatorSpec(String name, String method, String from, String inputType, String outputType, String onTimer,
      BroadcastSpec broadcast) {
    this(name, OperatorKind.PROCESS, method, from, inputType, outputType, null, onTimer, null, List.of(), null,
        broadcast);
  }

  /** An operator reading one node of its stage, joining nothing. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType, WindowSpec window, String onTimer, InferenceSpec inference) {
    this(name, kind, method, from, inputType, outputType, window, onTimer, inference, List.of(), null);
  }

  /** A union: an operator reading several nodes of its stage. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType, WindowSpec window, String onTimer, InferenceSpec inference, List<String> alsoFrom) {
    this(name, kind, method, from, inputType, outputType, window, onTimer, inference, alsoFrom, null);
  }

  /** A window join, reading its stage's input of both sides' records. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType, WindowSpec window, String onTimer, InferenceSpec inference, JoinSpec join) {
    this(name, kind, method, from, inputType, outputType, window, onTimer, inference, List.of(), join);
  }

  /** An operator without windows or timers. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType) {
    this(name, kind, method, from, inputType, outputType, null, null, null);
  }

  /** An operator that may have windows or timers but calls no model. */
  public OperatorSpec(String name, OperatorKind kind, String method, String from, String inputType,
      String outputType, WindowSpec window, String onTimer) {
    this(name, kind, method, from, inputType, outputType, window, onTimer, null);
  }

  public OperatorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    alsoFrom = alsoFrom == null ? List.of() : List.copyOf(alsoFrom);
    if (!alsoFrom.isEmpty() && (kind == OperatorKind.WINDOW || kind == OperatorKind.LATE
        || kind == OperatorKind.SIDE || kind.joins())) {
      throw new IllegalArgumentException("operator " + name + ": a " + kind + " operator reads one node, not a union");
    }
    boolean windowed = kind == OperatorKind.WINDOW || kind == OperatorKind.WINDOW_JOIN;
    if (windowed != (window != null)) {
      throw new IllegalArgumentException("operator " + name + ": a window spec belongs to, and only to, a window or"
          + " window-join operator");
    }
    if (kind.joins() != (join != null)) {
      throw new IllegalArgumentException("operator " + name + ": a join spec belongs to, and only to, a window-join or"
          + " interval-join operator");
    }
    if (join != null && join.interval() != (kind == OperatorKind.INTERVAL_JOIN)) {
      throw new IllegalArgumentException("operator " + name + ": an interval-join operator's join has bounds, a"
          + " window-join operator's none");
    }
    if (broadcast != null && kind != OperatorKind.PROCESS) {
      throw new IllegalArgumentException("operator " + name + ": only a process operator reads a broadcast input");
    }
    if ((kind == OperatorKind.INFERENCE) != (inference != null)) {
      throw new IllegalArgumentException("operator " + name + ": an inference spec belongs to, and only to, an inference operator");
    }
    if (onTimer != null && kind != OperatorKind.PROCESS) {
      throw new IllegalArgumentException("operator " + name + ": only a process operator has an onTimer method");
    }
  }

  /** Every node of its stage it reads: {@code from}, then {@code alsoFrom}. */
  public List<String> inputs() {
    List<String> inputs = new ArrayList<>(1 + alsoFrom.size());
    inputs.add(from);
    inputs.addAll(alsoFrom);
    return inputs;
  }

  /** True when this operator registers timers, which its {@link #onTimer()} method handles. */
  public boolean hasTimers() {
    return onTimer != null;
  }
}
