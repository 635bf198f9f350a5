/**
 * The state log: a shard's keyed state as a snapshot and the entries committed after it, written as opaque parts and
 * named by the shard's checkpoint (docs/state-log.md).
 */
package dev.runnel.statestore.statelog;
