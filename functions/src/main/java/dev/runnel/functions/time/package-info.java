/**
 * Event time in a stage: reading a record's event time, the clock operators see while a batch or a firing round runs,
 * and how a shard's watermark advances from its sources or its upstream stages (docs/time.md).
 */
package dev.runnel.functions.time;
