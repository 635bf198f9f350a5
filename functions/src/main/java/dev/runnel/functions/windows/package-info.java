/**
 * Event-time windows of a keyed stage: which windows a record belongs to, what a window keeps (an accumulator or
 * its records; sliding windows as panes), and the operator that adds records and fires windows when the watermark
 * passes their end. A key's open windows live in its state item, so the exactly-once protocol covers them
 * (docs/time.md, "How window state is kept").
 */
package dev.runnel.functions.windows;
