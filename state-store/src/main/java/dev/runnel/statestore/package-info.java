/**
 * Keyed state with per-key optimistic versions: {@link dev.runnel.statestore.StateStore} loads the states of keys and
 * writes each one only if it still has the version the writer read, so a stale (zombie) writer changes nothing.
 */
package dev.runnel.statestore;
