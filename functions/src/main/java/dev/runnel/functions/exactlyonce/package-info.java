/**
 * The exactly-once runtime of a stage (docs/exactly-once.md): it drops redelivered records, loads keyed state,
 * skips what earlier attempts already applied, sends outputs before writing state, writes each changed key with a
 * condition on the version it read, and then commits the shard's checkpoint.
 */
package dev.runnel.functions.exactlyonce;
