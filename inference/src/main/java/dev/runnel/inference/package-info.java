/**
 * Calling models from stages. The contracts here are what a stage uses: a {@link dev.runnel.inference.ModelCaller}
 * obtains answers for prompts (concurrently, rate-limited, retried, behind a circuit breaker), an
 * {@link dev.runnel.inference.results.InferenceResultStore} keeps every answer so that it is obtained once, and
 * {@link dev.runnel.inference.InferenceCounters} counts calls, tokens, cache hits and latency. Sub-packages hold the
 * providers ({@code openai}, {@code bedrock}, {@code inprocess}), the shared rate limit ({@code ratelimit}), secrets
 * ({@code secrets}), stored results ({@code results}) and the vector index ({@code vectors}). See docs/inference.md.
 */
package dev.runnel.inference;
