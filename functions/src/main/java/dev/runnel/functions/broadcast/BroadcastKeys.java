package dev.runnel.functions.broadcast;

import dev.runnel.plan.BroadcastSpec;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;

/**
 * The reserved key under which a shard keeps its broadcast state, next to its keys' states, so that it commits, is
 * deduplicated and undone exactly as a key's state is. In the state-log layout a shard's state is its own, and a
 * child shard copies the key from its parents (it is no key's hash, see {@link #isBroadcastKey}); in the per-key
 * layout keys are shared by all shards, so the name carries the shard.
 *
 * @param perShard true in the per-key layout: the key's name carries the shard id
 */
public record BroadcastKeys(boolean perShard) {
  /**
   * The prefix of every reserved key: a NUL, then "broadcast"; a keyed record whose key starts so is dead-lettered
   * (error type {@code key}) by a stage with a broadcast input.
   */
  private static final String PREFIX = "\u0000broadcast";

  /** The reserved keys of {@code stage}, or null when it reads no broadcast input. */
  public static BroadcastKeys of(StageSpec stage) {
    if (!BroadcastSpec.TAGGED_RECORDS.equals(stage.input().type())) {
      return null;
    }
    return new BroadcastKeys(stage.layout() != StateLayout.LOG);
  }

  /** The key of shard {@code shardId}'s broadcast state. */
  public String of(String shardId) {
    return perShard ? PREFIX + "|" + shardId : PREFIX;
  }

  /** True for the name of a reserved broadcast key (of any shard). */
  public static boolean isBroadcastKey(String key) {
    return key.startsWith(PREFIX);
  }
}
