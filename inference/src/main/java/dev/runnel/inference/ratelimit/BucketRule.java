package dev.runnel.inference.ratelimit;

/**
 * The arithmetic of a token bucket with a request and a token dimension (see {@link Allowance}), shared by the
 * in-memory and the DynamoDB bucket: refill by elapsed time, take if enough is there, else say how long to wait.
 */
final class BucketRule {
  private final Allowance requests;
  private final Allowance tokens;

  /** The rule for {@code requestsPerMinute} and {@code tokensPerMinute}; 0 means no limit in that dimension. */
  BucketRule(int requestsPerMinute, long tokensPerMinute) {
    this.requests = Allowance.perMinute(requestsPerMinute);
    this.tokens = Allowance.perMinute(tokensPerMinute);
  }

  /** The request dimension. */
  Allowance requests() {
    return requests;
  }

  /** The token dimension. */
  Allowance tokens() {
    return tokens;
  }

  /** True when neither dimension limits anything. */
  boolean unlimited() {
    return !requests.limited() && !tokens.limited();
  }

  /** A full bucket at {@code nowMillis}: how a bucket starts. */
  BucketState full(long nowMillis) {
    return new BucketState(requests.capacity(), tokens.capacity(), nowMillis);
  }

  /**
   * Refills {@code state} to {@code nowMillis} (never backwards: a clock behind the stored time adds nothing) and
   * takes {@code wanted} requests and {@code wantedTokens} tokens if enough is available.
   */
  Admission admit(BucketState state, long nowMillis, int wanted, long wantedTokens) {
    long at = Math.max(nowMillis, state.refilledAtMillis());
    long elapsed = at - state.refilledAtMillis();
    BucketState refilled = new BucketState(requests.refill(state.requests(), elapsed),
        tokens.refill(state.tokens(), elapsed), at);
    long wait = Math.max(requests.millisUntil(refilled.requests(), wanted),
        tokens.millisUntil(refilled.tokens(), wantedTokens));
    if (wait > 0) {
      return new Admission(refilled, wait);
    }
    return new Admission(new BucketState(
        requests.limited() ? refilled.requests() - wanted : 0,
        tokens.limited() ? refilled.tokens() - wantedTokens : 0,
        at), 0);
  }
}
