/** The user's operators: filter, map and flat-map methods bound with method handles, and the fused chain that runs them. */
package dev.runnel.functions.operators;
