package dev.runnel.nexmark.queries;

import dev.runnel.api.AggregateFunction;
import java.util.ArrayList;
import java.util.List;

/** Keeps the highest count seen and every auction count equal to it: q5's maximum with its ties. */
public final class MostBids implements AggregateFunction<Q5.AuctionCount, MostBids.Ties, List<Q5.AuctionCount>> {
  /** The highest count so far and the counts equal to it; {@code max} is -1 before the first. */
  public record Ties(long max, List<Q5.AuctionCount> counts) {}

  @Override
  public Ties createAccumulator() {
    return new Ties(-1, List.of());
  }

  @Override
  public Ties add(Q5.AuctionCount value, Ties ties) {
    if (value.num() > ties.max()) {
      return new Ties(value.num(), List.of(value));
    }
    if (value.num() < ties.max()) {
      return ties;
    }
    List<Q5.AuctionCount> counts = new ArrayList<>(ties.counts());
    counts.add(value);
    return new Ties(ties.max(), counts);
  }

  @Override
  public List<Q5.AuctionCount> getResult(Ties ties) {
    return ties.counts();
  }
}
