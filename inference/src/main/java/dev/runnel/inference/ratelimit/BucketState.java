package dev.runnel.inference.ratelimit;

/**
 * What a token bucket holds at one moment. Counts may be negative after a request larger than the bucket: that debt
 * refills before anything else is admitted.
 *
 * @param requests         requests available
 * @param tokens           tokens available
 * @param refilledAtMillis epoch milliseconds the counts were refilled to
 */
record BucketState(double requests, double tokens, long refilledAtMillis) {}
