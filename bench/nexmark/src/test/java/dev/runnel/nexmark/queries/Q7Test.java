package dev.runnel.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.ListState;
import dev.runnel.api.Timer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * q7's window boundary, which the generated test data rarely reaches: a bid exactly at a window's end is a candidate
 * of that window (the suite's BETWEEN includes both ends) without raising its maximum.
 */
class Q7Test {
  private final Q7 job = new Q7();

  /** A list state in memory. */
  private static final class Listed<T> implements ListState<T> {
    private final List<T> values = new ArrayList<>();

    @Override public List<T> get() { return List.copyOf(values); }
    @Override public void add(T value) { values.add(value); }
    @Override public void update(List<T> replacement) { values.clear(); values.addAll(replacement); }
    @Override public void clear() { values.clear(); }
  }

  private static Q7.Event bidAt(long time, long price) {
    return new Q7.Event(2, null, null, new Bid(1000, 2001, price, "Google", "u", time, "x"), time);
  }

  @Test
  void aBidOnAWindowBoundaryIsACandidateOfBothWindowsButCountsOnlyInItsOwn() {
    assertThat(job.windowsOf(bidAt(25_000, 7))).extracting(Q7.WindowBid::windowEnd, Q7.WindowBid::inWindow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(30_000L, true));
    assertThat(job.windowsOf(bidAt(20_000, 7))).extracting(Q7.WindowBid::windowEnd, Q7.WindowBid::inWindow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(30_000L, true),
            org.assertj.core.groups.Tuple.tuple(20_000L, false));

    // window [10 s, 20 s): maximum 50 at 15 s; bids at exactly 20 s with prices 50 and 90 (90 is the next window's)
    Listed<Q7.WindowBid> candidates = new Listed<>();
    List<Q7.WindowBid> windowEnding20 = new ArrayList<>();
    for (Q7.Event bid : List.of(bidAt(15_000, 50), bidAt(12_000, 10), bidAt(20_000, 50), bidAt(20_000, 90))) {
      job.windowsOf(bid).stream().filter(w -> w.windowEnd() == 20_000).forEach(windowEnding20::add);
    }
    Listed<Q7.WindowBid> bucket = new Listed<>();
    windowEnding20.forEach(bucket::add);
    Timer end = new Timer("20000", 20_000, Timer.Domain.EVENT_TIME);
    job.bucketCandidates(end, bucket).forEach(candidates::add);
    assertThat(job.highest(end, candidates)).extracting(Q7.Row::dateTime, Q7.Row::price)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(15_000L, 50L),
            org.assertj.core.groups.Tuple.tuple(20_000L, 50L));
  }
}
