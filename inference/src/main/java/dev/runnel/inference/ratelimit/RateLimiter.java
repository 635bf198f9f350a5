package dev.runnel.inference.ratelimit;

/** Admits requests to one model at the rate its limits allow, across every function instance that shares it. */
public interface RateLimiter {
  /** No limit. */
  RateLimiter NONE = (requests, tokens) -> {};

  /**
   * Blocks until {@code requests} requests using about {@code tokens} tokens may be sent, and takes them.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  void acquire(int requests, long tokens) throws InterruptedException;
}
