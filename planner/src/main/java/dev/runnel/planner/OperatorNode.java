package dev.runnel.planner;

import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.InferenceSpec;
import java.util.List;

/**
 * An operator method, the late-data node of a window operator, or a side output of an operator method.
 *
 * @param name         the method name (for a late node, the window's {@code late} name)
 * @param kind         filter, map, flat-map, process, reduce, window, late, side or inference
 * @param declaredFrom the {@code from} attribute: empty when the input is found by type, several names for a union;
 *                     a late node's window
 * @param inputType    the parameter's class; for a window, the most its signature tells about its records (the
 *                     element of {@code List<T>}, the aggregate function's input, or Object); for a late node, the
 *                     window's record type
 * @param outputType   the class of emitted records (the input type for a filter, the element type for a flat-map)
 * @param keyField     the {@code @KeyBy} field, or null
 * @param keyShards    the {@code @KeyBy} shard count, 0 for "as upstream"
 * @param sinks        sinks declared on the method
 * @param states       keyed state the operator declares (process and reduce operators)
 * @param window       a window operator's windows, or null
 * @param takesTimers  true for a process operator with a {@code Timers} parameter
 * @param onTimer      the {@code @OnTimer} method handling its timers, or null
 * @param where        the method, for messages
 * @param inference    an inference operator's model call, or null
 * @param join         a window join's two inputs and windows, or null; its {@code declaredFrom} is the left input
 * @param broadcast    a {@code @KeyedProcess(broadcast)} operator's broadcast input and state, or null
 */
record OperatorNode(
    String name, OperatorKind kind, List<String> declaredFrom, Class<?> inputType, Class<?> outputType,
    String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states,
    WindowDeclaration window, boolean takesTimers, String onTimer, String where, InferenceSpec inference,
    JoinDeclaration join, BroadcastDeclaration broadcast)
    implements JobNode {

  OperatorNode {
    declaredFrom = List.copyOf(declaredFrom);
  }

  /** An operator that reads no broadcast input. */
  OperatorNode(String name, OperatorKind kind, List<String> declaredFrom, Class<?> inputType, Class<?> outputType,
      String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states,
      WindowDeclaration window, boolean takesTimers, String onTimer, String where, InferenceSpec inference,
      JoinDeclaration join) {
    this(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states, window, takesTimers,
        onTimer, where, inference, join, null);
  }

  /** An operator that joins nothing. */
  OperatorNode(String name, OperatorKind kind, List<String> declaredFrom, Class<?> inputType, Class<?> outputType,
      String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states,
      WindowDeclaration window, boolean takesTimers, String onTimer, String where, InferenceSpec inference) {
    this(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states, window, takesTimers,
        onTimer, where, inference, null);
  }

  /** An operator reading one declared node ({@code from}, empty when found by type). */
  OperatorNode(String name, OperatorKind kind, String declaredFrom, Class<?> inputType, Class<?> outputType,
      String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states,
      WindowDeclaration window, boolean takesTimers, String onTimer, String where, InferenceSpec inference) {
    this(name, kind, fromOne(declaredFrom), inputType, outputType, keyField,
        keyShards, sinks, states, window, takesTimers, onTimer, where, inference);
  }

  /** An operator that calls no model. */
  OperatorNode(String name, OperatorKind kind, List<String> declaredFrom, Class<?> inputType, Class<?> outputType,
      String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states,
      WindowDeclaration window, boolean takesTimers, String onTimer, String where) {
    this(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states, window, takesTimers,
        onTimer, where, (InferenceSpec) null);
  }

  /** A filter, map, flat-map, process or reduce operator without timers. */
  OperatorNode(String name, OperatorKind kind, List<String> declaredFrom, Class<?> inputType, Class<?> outputType,
      String keyField, int keyShards, List<SinkDeclaration> sinks, List<StateDeclaration> states, String where) {
    this(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states, null, false, null,
        where);
  }

  /** The late-data node of a window operator reading records of {@code type}. */
  static OperatorNode late(OperatorNode window, Class<?> type) {
    return new OperatorNode(window.window().spec().lateNode(), OperatorKind.LATE, List.of(window.name()), type, type,
        null, 0, List.of(), List.of(), null, false, null, window.where());
  }

  /** The side output {@code side} of {@code owner}: the records its method emits there, of {@code type}. */
  static OperatorNode side(OperatorNode owner, String side, Class<?> type) {
    return new OperatorNode(owner.name() + "." + side, OperatorKind.SIDE, List.of(owner.name()), type, type, null, 0,
        List.of(), List.of(), null, false, null, owner.where());
  }

  @Override
  public boolean keyed() {
    return keyField != null;
  }

  /** True for operators that need keyed state, and so a keyed input. */
  boolean stateful() {
    return kind == OperatorKind.PROCESS || kind == OperatorKind.REDUCE || kind == OperatorKind.WINDOW
        || kind.joins();
  }

  /**
   * True for a window operator, its late node or a join: their records leave the key's order, so they are not
   * keyed.
   */
  boolean windowed() {
    return kind == OperatorKind.WINDOW || kind == OperatorKind.LATE || kind.joins();
  }

  /** True for a window that fires in rounds, by the watermark or processing time: any but a count window. */
  boolean firesWindows() {
    return window != null && window.spec().firesInRounds();
  }

  /** True for a join: it reads two nodes, {@code declaredFrom} and {@code join().right()}. */
  boolean joins() {
    return join != null;
  }

  /** A single {@code from} attribute as a list: empty when the attribute is. */
  static List<String> fromOne(String declaredFrom) {
    return declaredFrom.isEmpty() ? List.of() : List.of(declaredFrom);
  }

  /** True when the operator reads several nodes (a union). */
  boolean union() {
    return declaredFrom.size() > 1;
  }

  /** True for a {@code @KeyedProcess(broadcast)}: it also reads {@code broadcast().node()}, on every shard. */
  boolean readsBroadcast() {
    return broadcast != null;
  }

  /** The same operator, with the method that handles its timers. */
  OperatorNode withOnTimer(String method) {
    return new OperatorNode(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states,
        window, takesTimers, method, where, inference, join, broadcast);
  }

  /** The same operator, with its broadcast input and state as now declared (an {@code @OnBroadcast} linked). */
  OperatorNode withBroadcast(BroadcastDeclaration declared) {
    return new OperatorNode(name, kind, declaredFrom, inputType, outputType, keyField, keyShards, sinks, states,
        window, takesTimers, onTimer, where, inference, join, declared);
  }
}
