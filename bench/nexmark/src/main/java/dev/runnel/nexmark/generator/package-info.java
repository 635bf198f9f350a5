/**
 * The Nexmark generator as NEXMARK_SPEC §2 describes it (the Flink suite's defaults): seeded, deterministic, split
 * into instances with contiguous blocks of event ids, events as immutable records that encode to JSON with Jackson.
 */
package dev.runnel.nexmark.generator;
