package dev.runnel.inference.ratelimit;

/**
 * One dimension of a token bucket (requests or tokens): its capacity (the burst) and how much refills per millisecond.
 * A limit of N per minute gets capacity B = max(1, N/20) and refills (N - B) per 60 s, so that at most
 * B + rate·w start in any window of length w, and never more than N in any 60 s. (N = 1 refills 1 per 60 s.)
 *
 * @param capacity       the most the bucket holds, or 0 for no limit
 * @param refillPerMilli what refills each millisecond
 */
record Allowance(double capacity, double refillPerMilli) {
  /** No limit in this dimension. */
  static final Allowance UNLIMITED = new Allowance(0, 0);

  private static final double MILLIS_PER_MINUTE = 60_000.0;

  /** The allowance of {@code perMinute} per minute; 0 means no limit. */
  static Allowance perMinute(long perMinute) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("a rate limit cannot be negative: " + perMinute);
    }
    if (perMinute == 0) {
      return UNLIMITED;
    }
    double capacity = Math.max(1.0, perMinute / 20.0);
    double refill = perMinute > capacity ? perMinute - capacity : perMinute;
    return new Allowance(capacity, refill / MILLIS_PER_MINUTE);
  }

  /** True when this dimension limits anything. */
  boolean limited() {
    return capacity > 0;
  }

  /** What must be available before {@code amount} may be taken: all of it, or a full bucket when it is larger. */
  double needed(double amount) {
    return Math.min(amount, capacity);
  }

  /** {@code available} after {@code elapsedMillis} of refilling, at most the capacity. */
  double refill(double available, long elapsedMillis) {
    return limited() ? Math.min(capacity, available + elapsedMillis * refillPerMilli) : 0;
  }

  /** Milliseconds until {@code available} has refilled to what {@code amount} needs; 0 when it has. */
  long millisUntil(double available, double amount) {
    if (!limited()) {
      return 0;
    }
    double missing = needed(amount) - available;
    return missing <= 0 ? 0 : Math.max(1, (long) Math.ceil(missing / refillPerMilli));
  }
}
