package dev.runnel.inference.results;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Claims on the prompts an attempt is about to ask, so that two attempts at the same records running at once (a
 * zombie invocation next to its retry) never both call the model for one prompt: a stored answer alone cannot
 * prevent that, since both attempts find it missing before either has it. An attempt asks only what it claimed, waits
 * for the rest to be answered, and takes a claim over once its holder's lease ran out (the holder died).
 */
public interface AnswerClaims {
  /** No claims: every prompt is the caller's to ask (one attempt at a time, as with an in-memory store). */
  AnswerClaims NONE = new AnswerClaims() {
    @Override
    public Set<ResultKey> claim(Collection<ResultKey> keys, long untilMillis) {
      return new LinkedHashSet<>(keys);
    }

    @Override
    public void release(Collection<ResultKey> keys) {
    }
  };

  /**
   * Claims what it can of {@code keys} until {@code untilMillis} (epoch milliseconds); returns the keys claimed. The
   * others are held by a live attempt. Batched.
   */
  Set<ResultKey> claim(Collection<ResultKey> keys, long untilMillis);

  /** Gives up this claimant's claims on {@code keys} (asked without an answer stored), so others need not wait. */
  void release(Collection<ResultKey> keys);
}
