/**
 * A batch as the stage sees it: the input records of one invocation and the pure result of processing them, which a
 * {@code dev.runnel.functions.commit.BatchCommit} then makes durable.
 */
package dev.runnel.functions.batch;
