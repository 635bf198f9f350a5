package dev.runnel.dashboard;

/**
 * A stage's model calls so far.
 *
 * @param prompts      prompts a model answered
 * @param requests     requests sent, retries included
 * @param failed       prompts that failed after their retries
 * @param reused       prompts answered from the stored answers (replays)
 * @param tokensIn     prompt tokens the provider reported
 * @param tokensOut    answer tokens the provider reported
 * @param p50Millis    median latency of an answer
 * @param p99Millis    99th percentile latency
 */
public record ModelFigures(long prompts, long requests, long failed, long reused, long tokensIn, long tokensOut,
    long p50Millis, long p99Millis) {}
