/**
 * Stored model results, so that every prompt is answered by a model once: {@link
 * dev.runnel.inference.results.DynamoDbInferenceResultStore} on the inference-results table (first writer wins,
 * through conditional transactions) and {@link dev.runnel.inference.results.InMemoryInferenceResultStore} for tests and
 * single-process runs.
 */
package dev.runnel.inference.results;
