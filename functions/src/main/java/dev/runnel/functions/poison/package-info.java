/**
 * Poison isolation (docs/exactly-once.md, "Poison records"): failures are classified as retryable or not, a batch
 * that keeps failing is narrowed inside the function to the record that fails alone, and that record goes to the
 * dead letters after a bounded number of attempts, so that no record can stall a shard.
 */
package dev.runnel.functions.poison;
