package dev.runnel.examples.hotitems;

import dev.runnel.examples.BundledInput;
import dev.runnel.examples.OutOfOrder;
import dev.runnel.examples.hotitems.HotItems.Bid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates the bundled input of {@link HotItems}: 360 bids on 12 auctions over 18 minutes, a few auctions much
 * busier than the rest and their popularity shifting over time, out of order by less than the job's 10 seconds.
 * Run {@code main} to rewrite the file; {@code HotItemsInputTest} checks it is current.
 */
public final class HotItemsInput {
  static final BundledInput FILE = new BundledInput("hotitems", "bids-in");
  static final long START = 1_763_700_000_000L; // 2025-11-21T04:40:00Z
  static final long SPAN = 18 * 60_000L;
  static final long OUT_OF_ORDER_MILLIS = 10_000;
  static final int BIDS = 360;
  private static final String[] BIDDERS = {"ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana"};

  private HotItemsInput() {}

  /** The bids, in input order. */
  static List<Bid> bids() {
    Random random = new Random(5);
    List<Bid> bids = new ArrayList<>();
    for (int i = 0; i < BIDS; i++) {
      long at = START + random.nextLong(SPAN);
      // auction a01..a12; the busiest ones change as time goes on, so the top three changes from window to window
      int shift = (int) ((at - START) / (6 * 60_000L));
      int rank = Math.min(11, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 3));
      String auction = "a%02d".formatted((rank + 4 * shift) % 12 + 1);
      bids.add(new Bid("", auction, BIDDERS[random.nextInt(BIDDERS.length)], 100 * (10 + random.nextInt(500)), at));
    }
    bids.sort(Comparator.comparingLong(Bid::at));
    List<Bid> numbered = new ArrayList<>();
    for (Bid bid : OutOfOrder.shuffle(bids, Bid::at, OUT_OF_ORDER_MILLIS - 1_000, random)) {
      numbered.add(new Bid("b%03d".formatted(numbered.size() + 1), bid.auction(), bid.bidder(), bid.priceCents(),
          bid.at()));
    }
    return numbered;
  }

  public static void main(String[] args) throws Exception {
    FILE.write(bids());
  }
}
