/** The per-key memory of applied upstream record identities that drops duplicates exactly, and stays small. */
package dev.runnel.checkpointing.dedup;
