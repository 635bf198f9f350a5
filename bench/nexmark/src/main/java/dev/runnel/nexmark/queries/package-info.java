/**
 * Nexmark q0, q1, q2, q5, q7 and q11 as Runnel jobs, written against {@code dev.runnel.api} alone, as a user's job
 * is ({@code QueriesUseTheApiOnlyTest} checks the imports). q3, q4 and q8 need two-input operators the API lacks; see
 * bench/nexmark/README.md.
 */
package dev.runnel.nexmark.queries;
