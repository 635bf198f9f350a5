/**
 * Reading a Runnel stream sink from an external Java service: {@link dev.runnel.sinkreader.RunnelStreamReader} runs
 * the KCL with {@link dev.runnel.sinkreader.DeduplicatingRecordProcessor}, which hands each distinct record (by the
 * record identity in its partition key) to a {@link dev.runnel.sinkreader.RunnelRecordHandler} once.
 */
package dev.runnel.sinkreader;
