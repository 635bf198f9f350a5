/**
 * Rate limits for model calls: token buckets with a request and a token dimension, in this process ({@link
 * dev.runnel.inference.ratelimit.InMemoryTokenBucket}) or shared by every function instance through the rate-limits
 * table ({@link dev.runnel.inference.ratelimit.DynamoDbTokenBucket}). A limit of N per minute bursts B = max(1, N/20)
 * and refills the rest over the minute, so no 60 s window sees more than N.
 */
package dev.runnel.inference.ratelimit;
