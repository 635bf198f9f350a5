/**
 * Each query computed in plain Java from the generator's events, and {@link dev.runnel.nexmark.reference.RowComparison}
 * that checks a run's output rows against it, per window, as multisets.
 */
package dev.runnel.nexmark.reference;
