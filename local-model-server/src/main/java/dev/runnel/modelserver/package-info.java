/**
 * A model server on loopback for tests and local runs of example jobs: OpenAI-compatible chat completions,
 * embeddings and model listing under {@code /v1}, and Bedrock's Converse API under {@code /model/{id}/converse}.
 *
 * <p><b>It is not a language model.</b> Every answer comes from deterministic rules
 * ({@link dev.runnel.modelserver.answer.RuleResponder}): a small sentiment lexicon, topic keywords, moderation rules
 * for product titles, JSON built to fit the request's schema, and hashed bag-of-words embeddings. The same request
 * always gets the same answer. Faults ({@link dev.runnel.modelserver.faults.Faults}) can be injected at runtime, and
 * every request is recorded in a {@link dev.runnel.modelserver.log.RequestLog} for assertions.
 */
package dev.runnel.modelserver;
