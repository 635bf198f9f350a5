package dev.runnel.plan;

import java.util.Objects;

/**
 * The broadcast input of a {@code process} operator (docs/broadcast.md): the node whose records reach every shard of
 * the operator's stage, tagged {@code broadcast} on the operator's stream next to its keyed records tagged
 * {@code data}, and the per-shard broadcast state they update.
 *
 * @param node        the broadcast node (a source stream or an operator)
 * @param type        the fully qualified class of its records
 * @param onBroadcast the job method applying each broadcast record to the state
 * @param keyType     the broadcast state's key type
 * @param valueType   the broadcast state's value type
 */
public record BroadcastSpec(String node, String type, String onBroadcast, String keyType, String valueType) {
  /**
   * The record type a broadcast operator's stream carries, in its stage's input: keyed records and broadcast
   * records, each wrapped in its side's tag; not a class.
   */
  public static final String TAGGED_RECORDS = "runnel.broadcast-sides";

  public BroadcastSpec {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(onBroadcast, "onBroadcast");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
  }
}
