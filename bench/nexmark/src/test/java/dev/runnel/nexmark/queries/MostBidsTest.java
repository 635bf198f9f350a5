package dev.runnel.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** q5's maximum keeps every auction tied at the highest count, whatever the order the counts arrive in. */
class MostBidsTest {
  private static Q5.AuctionCount count(long auction, long num) {
    return new Q5.AuctionCount(auction, num, 0, 10_000);
  }

  @Test
  void keepsAllTiesAtTheMaximumAndDropsLowerCounts() {
    MostBids most = new MostBids();
    MostBids.Ties ties = most.createAccumulator();
    for (Q5.AuctionCount count : new Q5.AuctionCount[] {count(1, 3), count(2, 5), count(3, 1), count(4, 5),
        count(5, 4)}) {
      ties = most.add(count, ties);
    }
    assertThat(most.getResult(ties)).containsExactlyInAnyOrder(count(2, 5), count(4, 5));
    assertThat(most.getResult(most.add(count(6, 6), ties))).containsExactly(count(6, 6));
  }
}
