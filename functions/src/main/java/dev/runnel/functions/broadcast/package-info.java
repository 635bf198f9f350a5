/**
 * Broadcast state (docs/broadcast.md): a keyed operator's stream carries its keyed records tagged {@code data} and a
 * copy of every broadcast record on every shard tagged {@code broadcast} ({@link BroadcastInputDecoder}); each shard
 * keeps the broadcast state as the state of a reserved key ({@link BroadcastKeys}), which the
 * {@code @OnBroadcast} method changes and every keyed record reads.
 */
package dev.runnel.functions.broadcast;
