package dev.runnel.planner;

import java.util.List;

/**
 * A {@code @KeyedProcess(broadcast = ...)} operator's broadcast input and state, as declared (docs/broadcast.md). That
 * the node exists and emits what the {@code @OnBroadcast} method takes is checked once every node is known
 * ({@link BroadcastInputs}).
 *
 * @param node          the broadcast node's name
 * @param stateTypes    the broadcast state's key and value types (canonical names), from the operator's
 *                      {@code ReadOnlyBroadcastState<K, V>} parameter
 * @param onBroadcast   the {@code @OnBroadcast} method applying each broadcast record, or null until linked
 * @param recordType    that method's first parameter type, or null until linked
 */
record BroadcastDeclaration(String node, List<String> stateTypes, String onBroadcast, Class<?> recordType) {
  BroadcastDeclaration {
    stateTypes = List.copyOf(stateTypes);
  }

  /** The same declaration, linked to the method that applies each broadcast record. */
  BroadcastDeclaration linked(String method, Class<?> type) {
    return new BroadcastDeclaration(node, stateTypes, method, type);
  }
}
