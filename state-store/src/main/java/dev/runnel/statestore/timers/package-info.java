/**
 * The timer index ({@code <job>-timers}): per (stage, shard, clock), the keys that have a window end or a timer due at
 * a time, so that a firing round finds them with one range query up to the watermark (docs/time.md). The key's state
 * item is the truth; an entry is a pointer to it.
 */
package dev.runnel.statestore.timers;
