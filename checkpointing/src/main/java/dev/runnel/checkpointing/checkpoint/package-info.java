/** Committed positions per (stage, shard), moved forward by conditional writes so a zombie's commit loses. */
package dev.runnel.checkpointing.checkpoint;
