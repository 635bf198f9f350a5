/**
 * The SAM writer: renders one or more jobs' {@link dev.runnel.infra.stack.StackModel}s as one SAM template
 * ({@link dev.runnel.infra.sam.SamTemplate}), deterministically, for {@code ./runnel template}.
 */
package dev.runnel.infra.sam;
