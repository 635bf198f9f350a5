/**
 * The memory of producer ids a source stage keeps per shard ({@code @Source(idField)}): which ids it has seen, when,
 * and the one-item-per-batch segments in the checkpoint table it is rebuilt from (docs/exactly-once.md, "Producer
 * retries").
 */
package dev.runnel.checkpointing.sourceid;
