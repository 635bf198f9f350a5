/**
 * The plan: what a job becomes after planning, as immutable records that serialize to the versioned JSON document
 * described in {@code docs/plan-format.md}. It is the single source of truth for the function runtime, the local
 * runner and deployment. {@link dev.runnel.plan.PlanJson} reads and writes it.
 */
package dev.runnel.plan;
