/**
 * The progress table: each (stage, shard) publishes its output watermark and newest record time, and the stages it
 * feeds read them to compute their input watermark (docs/time.md, "How watermarks travel between stages"). Published
 * values only rise; they are hints, pinned by the reader in its own checkpoint.
 */
package dev.runnel.checkpointing.progress;
