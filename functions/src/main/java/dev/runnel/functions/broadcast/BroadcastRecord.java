package dev.runnel.functions.broadcast;

import java.util.Objects;

/**
 * A record of a broadcast operator's broadcast input, as decoded from its stream: applied to the shard's broadcast
 * state by the {@code @OnBroadcast} method, never handed to the keyed method.
 *
 * @param rule the broadcast node's record
 */
public record BroadcastRecord(Object rule) {
  public BroadcastRecord {
    Objects.requireNonNull(rule, "rule");
  }
}
