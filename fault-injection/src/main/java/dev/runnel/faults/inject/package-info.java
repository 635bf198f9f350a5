/**
 * The faults themselves: a commit observer that crashes, client wrappers that crash mid-write or throttle, handler
 * wrappers that redeliver batches and run zombies, and the resharding of a stream mid-run.
 */
package dev.runnel.faults.inject;
